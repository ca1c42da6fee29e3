using GitHost.Server.Auth;
using GitHost.Services.PullRequests.Issues;

namespace GitHost.Server.PullRequests.Issues;

/// <summary>
/// <c>GET /rest/jira/1.0/.../pull-requests/{id}/issues</c>: Bitbucket's list of <c>RestJiraIssue</c>
/// (<c>[{key, url}]</c>; <c>url</c> left out when no Jira base URL is configured).
/// </summary>
internal static class PullRequestIssueEndpoints
{
    public static RouteGroupBuilder MapPullRequestIssueEndpoints(this RouteGroupBuilder jira)
    {
        jira.MapGet(PullRequestEndpoints.One + "/issues", ListAsync);
        return jira;
    }

    private static async Task<IReadOnlyList<RestJiraIssue>> ListAsync(
        HttpContext http, PullRequestIssues issues, string projectKey, string slug, long pullRequestId) =>
        (await issues.ListAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, http.RequestAborted))
            .Select(i => new RestJiraIssue(i.Key, i.Url)).ToList();
}

/// <summary>Bitbucket's <c>RestJiraIssue</c>.</summary>
internal sealed record RestJiraIssue(string Key, string? Url);
