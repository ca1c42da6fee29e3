using GitHost.Server.Auth;
using GitHost.Services.PullRequests.Merges;

namespace GitHost.Server.PullRequests.Merges;

/// <summary><c>.../pull-requests/{id}/merge</c>: whether the pull request can be merged, and why not.</summary>
internal static class PullRequestMergeEndpoints
{
    public static RouteGroupBuilder MapPullRequestMergeStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(PullRequestEndpoints.One + "/merge", GetStatusAsync);
        return api;
    }

    private static Task<MergeStatusView> GetStatusAsync(
        HttpContext http, MergeStatus status, string projectKey, string slug, long pullRequestId) =>
        status.GetAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, http.RequestAborted);
}
