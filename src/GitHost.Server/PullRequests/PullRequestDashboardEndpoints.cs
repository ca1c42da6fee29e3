using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Parsing;
using GitHost.Core.PullRequests;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests;

namespace GitHost.Server.PullRequests;

/// <summary>
/// <c>/dashboard/pull-requests</c>, <c>/inbox/pull-requests</c> (and <c>/count</c>) and
/// <c>/projects/{key}/repos/{slug}/commits/{commitId}/pull-requests</c>.
/// </summary>
internal static class PullRequestDashboardEndpoints
{
    public static RouteGroupBuilder MapPullRequestDashboardEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard/pull-requests", DashboardAsync);
        api.MapGet("/inbox/pull-requests", InboxAsync);
        api.MapGet("/inbox/pull-requests/count", InboxCountAsync);
        api.MapGet("/projects/{projectKey}/repos/{slug}/commits/{commitId}/pull-requests", CommitAsync);
        return api;
    }

    private static async Task<RestPage<RestPullRequest>> DashboardAsync(
        HttpContext http, PullRequestDashboard dashboard, RestMapper mapper, LinkBuilder links,
        string? state, string? role, string? participantStatus, string? closedSince, string? order, string? user, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var query = new DashboardQuery(
            string.IsNullOrWhiteSpace(user) ? null : user,
            QueryValues.Enum<ParticipantRole>(role, "role"),
            (participantStatus ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => QueryValues.Enum<ParticipantStatus>(s, "participantStatus")!.Value).ToList(),
            QueryValues.Enum<PullRequestState>(state, "state"),
            ClosedSince(closedSince),
            QueryValues.Enum<DashboardOrder>(order, "order") ?? DashboardOrder.Newest);
        var page = await dashboard.DashboardAsync(principal, query, PageRequest.Create(start, limit), http.RequestAborted);
        return mapper.ToRestPage(page, links, principal);
    }

    private static async Task<RestPage<RestPullRequest>> InboxAsync(
        HttpContext http, PullRequestDashboard dashboard, RestMapper mapper, LinkBuilder links, string? role, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var page = await dashboard.InboxAsync(principal, QueryValues.Enum<ParticipantRole>(role, "role") ?? ParticipantRole.Reviewer,
            PageRequest.Create(start, limit), http.RequestAborted);
        return mapper.ToRestPage(page, links, principal);
    }

    private static async Task<InboxCount> InboxCountAsync(HttpContext http, PullRequestDashboard dashboard) =>
        new(await dashboard.InboxCountAsync(http.GetPrincipal(), http.RequestAborted));

    private static async Task<RestPage<RestPullRequest>> CommitAsync(
        HttpContext http, CommitPullRequests pullRequests, RestMapper mapper, LinkBuilder links, string projectKey, string slug, string commitId,
        int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var page = await pullRequests.ListAsync(principal, projectKey, slug, commitId, PageRequest.Create(start, limit), http.RequestAborted);
        return mapper.ToRestPage(page, links, principal);
    }

    private static long? ClosedSince(string? seconds) =>
        string.IsNullOrEmpty(seconds) ? null
        : DecimalDigits.TryParse(seconds, out long value) ? value
        : throw GitHostException.Invalid($"'{seconds}' is not a number of seconds.", "closedSince");

    private sealed record InboxCount(int Count);
}
