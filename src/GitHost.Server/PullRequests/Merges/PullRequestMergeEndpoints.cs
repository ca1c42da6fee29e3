using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests.Merges;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GitHost.Server.PullRequests.Merges;

/// <summary><c>.../pull-requests/{id}/merge</c>: whether the pull request can be merged, and why not; and merging it.</summary>
internal static class PullRequestMergeEndpoints
{
    public static RouteGroupBuilder MapPullRequestMergeStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(PullRequestEndpoints.One + "/merge", GetStatusAsync);
        api.MapPost(PullRequestEndpoints.One + "/merge", MergeAsync);
        return api;
    }

    private static Task<MergeStatusView> GetStatusAsync(
        HttpContext http, MergeStatus status, string projectKey, string slug, long pullRequestId) =>
        status.GetAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, http.RequestAborted);

    /// <summary>The version comes as <c>?version=</c> (what most clients send) or in the body; the body is optional.</summary>
    private static async Task<RestPullRequest> MergeAsync(
        HttpContext http, PullRequestMerger merger, AutoMerge autoMerge, RestMapper mapper, LinkBuilder links, string projectKey, string slug, long pullRequestId,
        string? version, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] MergeRequest? body)
    {
        var principal = http.GetPrincipal();
        var command = new MergeCommand(
            PullRequestQueryParser.Version(version) ?? body?.Version, body?.Message, body?.AutoSubjectFlag, body?.StrategyId);
        var view = body?.AutoMerge == true
            ? await autoMerge.RequestAsync(principal, projectKey, slug, pullRequestId, command, http.RequestAborted)
            : await merger.MergeAsync(principal, projectKey, slug, pullRequestId, command, http.RequestAborted);
        return mapper.ToRest(view, links, principal);
    }
}
