using GitHost.Server.Auth;
using GitHost.Server.PullRequests;
using GitHost.Services.Comments;

namespace GitHost.Server.Comments;

/// <summary>
/// <c>POST .../pull-requests/{id}/comments/{commentId}/apply-suggestion</c>: commits a comment's
/// suggestion to the source branch; 204 as Bitbucket answers (the pull request, rescoped, is read again).
/// </summary>
internal static class ApplySuggestionEndpoints
{
    private const string Route = PullRequestEndpoints.One + "/comments/{commentId:long}/apply-suggestion";

    public static RouteGroupBuilder MapApplySuggestionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost(Route, async (HttpContext http, CommentSuggestions suggestions, string projectKey, string slug, long pullRequestId, long commentId,
            ApplySuggestionRequest body) =>
        {
            await suggestions.ApplyAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, commentId, body.ToCommand(), http.RequestAborted);
            return TypedResults.NoContent();
        });
        return api;
    }
}
