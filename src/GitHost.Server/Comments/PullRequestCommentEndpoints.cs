using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.PullRequests;
using GitHost.Server.Rest;
using GitHost.Services.Comments;
using GitHost.Services.Markup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GitHost.Server.Comments;

/// <summary>
/// <c>.../pull-requests/{id}/comments</c> and <c>.../blocker-comments</c> (tasks: the same comments with
/// severity BLOCKER). Create answers 201; update and delete name the comment's version (stale → 409).
/// </summary>
internal static class PullRequestCommentEndpoints
{
    private const string Comments = PullRequestEndpoints.One + "/comments";
    private const string Tasks = PullRequestEndpoints.One + "/blocker-comments";

    public static RouteGroupBuilder MapPullRequestCommentEndpoints(this RouteGroupBuilder api)
    {
        foreach (var (route, tasks) in new[] { (Comments, false), (Tasks, true) })
        {
            api.MapGet(route, (HttpContext http, PullRequestComments comments, RestMapper mapper, MarkupRenderer markup, string projectKey, string slug, long pullRequestId,
                string? path, string? anchorState, string? state, string? states, int? start, int? limit) =>
                ListAsync(http, comments, new CommentRestMapping(mapper, markup), projectKey, slug, pullRequestId, path, anchorState, state, states, tasks, start, limit));
            api.MapPost(route, (HttpContext http, PullRequestComments comments, RestMapper mapper, MarkupRenderer markup, string projectKey, string slug, long pullRequestId,
                CommentRequest body) => CreateAsync(http, comments, new CommentRestMapping(mapper, markup), projectKey, slug, pullRequestId, body, tasks));
            api.MapGet(route + "/{commentId:long}", (HttpContext http, PullRequestComments comments, RestMapper mapper, MarkupRenderer markup, string projectKey, string slug,
                long pullRequestId, long commentId) => GetAsync(http, comments, new CommentRestMapping(mapper, markup), projectKey, slug, pullRequestId, commentId, tasks));
            api.MapPut(route + "/{commentId:long}", (HttpContext http, PullRequestComments comments, RestMapper mapper, MarkupRenderer markup, string projectKey, string slug,
                long pullRequestId, long commentId, CommentRequest body) => UpdateAsync(http, comments, new CommentRestMapping(mapper, markup), projectKey, slug, pullRequestId, commentId, body, tasks));
            api.MapDelete(route + "/{commentId:long}", (HttpContext http, PullRequestComments comments, string projectKey, string slug, long pullRequestId,
                long commentId, string? version, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CommentRequest? body) =>
                DeleteAsync(http, comments, projectKey, slug, pullRequestId, commentId, version, body, tasks));
        }

        return api;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, PullRequestComments comments, CommentRestMapping mapping, string projectKey, string slug, long pullRequestId,
        string? path, string? anchorState, string? state, string? states, bool tasks, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var wanted = new[] { state, states }.OfType<string>().SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => PullRequestComments.ParseState(s)!.Value).ToList();
        if (tasks && QueryValues.Flag(http.Request, "count"))
        {
            var (open, resolved) = await comments.CountTasksAsync(principal, projectKey, slug, pullRequestId, http.RequestAborted);
            return TypedResults.Ok(new Dictionary<string, int> { ["OPEN"] = open, ["RESOLVED"] = resolved });
        }

        var (page, target) = await comments.ListAsync(principal, projectKey, slug, pullRequestId, path, anchorState, wanted, tasks, PageRequest.Create(start, limit), http.RequestAborted);
        var markup = QueryValues.Flag(http.Request, "markup");
        mapping = await mapping.MentioningAsync(http, page.Values);
        return TypedResults.Ok(RestPage<Dictionary<string, object?>>.From(page, n => mapping.ToRest(n, principal, target, markup)));
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, PullRequestComments comments, CommentRestMapping mapping, string projectKey, string slug, long pullRequestId, CommentRequest body, bool tasks)
    {
        var principal = http.GetPrincipal();
        var node = await comments.CreateAsync(principal, projectKey, slug, pullRequestId, body.ToInput(), tasks, http.RequestAborted);
        var (_, target) = await comments.GetAsync(principal, projectKey, slug, pullRequestId, node.Comment.Id, tasks, http.RequestAborted);
        var location = http.Request.Path.Value!.TrimEnd('/') + "/" + node.Comment.Id;
        mapping = await mapping.MentioningAsync(http, [node]);
        return TypedResults.Created(location, mapping.ToRest(node, principal, target, QueryValues.Flag(http.Request, "markup")));
    }

    private static async Task<Dictionary<string, object?>> GetAsync(
        HttpContext http, PullRequestComments comments, CommentRestMapping mapping, string projectKey, string slug, long pullRequestId, long commentId, bool tasks)
    {
        var principal = http.GetPrincipal();
        var (node, target) = await comments.GetAsync(principal, projectKey, slug, pullRequestId, commentId, tasks, http.RequestAborted);
        mapping = await mapping.MentioningAsync(http, [node]);
        return mapping.ToRest(node, principal, target, QueryValues.Flag(http.Request, "markup"));
    }

    private static async Task<Dictionary<string, object?>> UpdateAsync(
        HttpContext http, PullRequestComments comments, CommentRestMapping mapping, string projectKey, string slug, long pullRequestId, long commentId,
        CommentRequest body, bool tasks)
    {
        var principal = http.GetPrincipal();
        await comments.UpdateAsync(principal, projectKey, slug, pullRequestId, commentId, body.ToInput(), tasks, http.RequestAborted);
        var (node, target) = await comments.GetAsync(principal, projectKey, slug, pullRequestId, commentId, tasks, http.RequestAborted);
        mapping = await mapping.MentioningAsync(http, [node]);
        return mapping.ToRest(node, principal, target, QueryValues.Flag(http.Request, "markup"));
    }

    /// <summary>Bitbucket takes the version in the query (<c>?version=3</c>); a body's version is taken too.</summary>
    private static async Task<IResult> DeleteAsync(
        HttpContext http, PullRequestComments comments, string projectKey, string slug, long pullRequestId, long commentId, string? version,
        CommentRequest? body, bool tasks)
    {
        var given = PullRequestQueryParser.Version(version) ?? body?.Version;
        await comments.DeleteAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, commentId, given, tasks, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
