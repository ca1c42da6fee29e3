using GitHost.Server.Auth;
using GitHost.Services.PullRequests.Merges;

namespace GitHost.Server.PullRequests.Merges;

/// <summary><c>.../pull-requests/{id}/commit-message-suggestion</c>: the merge commit subject and body a merge would write.</summary>
internal static class CommitMessageSuggestionEndpoints
{
    public static RouteGroupBuilder MapCommitMessageSuggestionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(PullRequestEndpoints.One + "/commit-message-suggestion", GetAsync);
        return api;
    }

    private static Task<CommitMessageSuggestion> GetAsync(
        HttpContext http, CommitMessageSuggestions suggestions, string projectKey, string slug, long pullRequestId) =>
        suggestions.SuggestAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, http.RequestAborted);
}
