using GitHost.Server.Auth;
using GitHost.Server.PullRequests;
using GitHost.Server.Rest;
using GitHost.Services.Comments;

namespace GitHost.Server.Comments;

/// <summary>
/// <c>/rest/comment-likes/1.0/.../comments/{commentId}/reactions/{emoticon}</c> on pull request and
/// commit comments: PUT answers Bitbucket's RestUserReaction <c>{comment, emoticon, user}</c>, DELETE 204.
/// </summary>
internal static class CommentReactionEndpoints
{
    private const string Repo = "/projects/{projectKey}/repos/{slug}";
    private const string PullRequestReaction = Repo + "/pull-requests/{pullRequestId:long}/comments/{commentId:long}/reactions/{emoticon}";
    private const string CommitReaction = Repo + "/commits/{commitId}/comments/{commentId:long}/reactions/{emoticon}";

    public static IEndpointRouteBuilder MapCommentLikes(this IEndpointRouteBuilder app)
    {
        app.MapModule("comment-likes", "1.0", module =>
        {
            module.MapPut(PullRequestReaction, (HttpContext http, CommentReactions reactions, RestMapper mapper, string projectKey, string slug, long pullRequestId,
                long commentId, string emoticon) => PullRequestAsync(http, reactions, mapper, projectKey, slug, pullRequestId, commentId, emoticon, add: true));
            module.MapDelete(PullRequestReaction, (HttpContext http, CommentReactions reactions, RestMapper mapper, string projectKey, string slug, long pullRequestId,
                long commentId, string emoticon) => PullRequestAsync(http, reactions, mapper, projectKey, slug, pullRequestId, commentId, emoticon, add: false));
            module.MapPut(CommitReaction, (HttpContext http, CommentReactions reactions, RestMapper mapper, string projectKey, string slug, string commitId,
                long commentId, string emoticon) => CommitAsync(http, reactions, mapper, projectKey, slug, commitId, commentId, emoticon, add: true));
            module.MapDelete(CommitReaction, (HttpContext http, CommentReactions reactions, RestMapper mapper, string projectKey, string slug, string commitId,
                long commentId, string emoticon) => CommitAsync(http, reactions, mapper, projectKey, slug, commitId, commentId, emoticon, add: false));
        });
        return app;
    }

    private static async Task<IResult> PullRequestAsync(
        HttpContext http, CommentReactions reactions, RestMapper mapper, string projectKey, string slug, long pullRequestId, long commentId, string emoticon, bool add)
    {
        var reaction = await reactions.ReactOnPullRequestAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, commentId, emoticon, add, http.RequestAborted);
        return add ? TypedResults.Ok(ToRest(reaction, mapper)) : TypedResults.NoContent();
    }

    private static async Task<IResult> CommitAsync(
        HttpContext http, CommentReactions reactions, RestMapper mapper, string projectKey, string slug, string commitId, long commentId, string emoticon, bool add)
    {
        var reaction = await reactions.ReactOnCommitAsync(http.GetPrincipal(), projectKey, slug, commitId, commentId, emoticon, add, http.RequestAborted);
        return add ? TypedResults.Ok(ToRest(reaction, mapper)) : TypedResults.NoContent();
    }

    private static Dictionary<string, object?> ToRest(Reaction reaction, RestMapper mapper) => new()
    {
        ["comment"] = CommentWire.ToWire(reaction.Comment, (user, id) => mapper.UserOrFormer(user, id)),
        ["emoticon"] = new Dictionary<string, object?> { ["shortcut"] = reaction.Shortcut, ["value"] = reaction.Value },
        ["user"] = mapper.User(reaction.User),
    };
}
