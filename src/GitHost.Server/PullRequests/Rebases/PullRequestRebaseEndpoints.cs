using GitHost.Server.Auth;
using GitHost.Server.Content.Refs;
using GitHost.Services.PullRequests.Rebases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GitHost.Server.PullRequests.Rebases;

/// <summary>
/// <c>/rest/git/1.0/.../pull-requests/{id}/rebase</c>: GET is Bitbucket's <c>RestPullRequestRebaseability</c>
/// (<c>{canRebase, canWrite, vetoes: [{summaryMessage, detailedMessage}]}</c>); POST <c>{version}</c>
/// rebases the source branch and answers <c>RestPullRequestRebaseResult</c> (<c>{refChange}</c>).
/// </summary>
internal static class PullRequestRebaseEndpoints
{
    public static RouteGroupBuilder MapPullRequestRebaseEndpoints(this RouteGroupBuilder git)
    {
        git.MapGet(PullRequestEndpoints.One + "/rebase", GetConditionAsync);
        git.MapPost(PullRequestEndpoints.One + "/rebase", RebaseAsync);
        return git;
    }

    private static Task<RebaseCondition> GetConditionAsync(
        HttpContext http, PullRequestRebaser rebaser, string projectKey, string slug, long pullRequestId) =>
        rebaser.ConditionAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, http.RequestAborted);

    /// <summary>The version comes in the body (Bitbucket's <c>RestPullRequestRebaseRequest</c>) or as <c>?version=</c>, as for merges.</summary>
    private static async Task<RestPullRequestRebaseResult> RebaseAsync(
        HttpContext http, PullRequestRebaser rebaser, string projectKey, string slug, long pullRequestId,
        string? version, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RebaseRequest? body)
    {
        var change = await rebaser.RebaseAsync(
            http.GetPrincipal(), projectKey, slug, pullRequestId, PullRequestQueryParser.Version(version) ?? body?.Version, http.RequestAborted);
        return new RestPullRequestRebaseResult(new RestRefChange(
            new RestMinimalRef(change.RefId, change.DisplayId, change.RefType), change.RefId, change.FromHash, change.ToHash, change.Type));
    }
}

/// <summary>Bitbucket's <c>RestPullRequestRebaseRequest</c>.</summary>
internal sealed record RebaseRequest(int? Version);

/// <summary>Bitbucket's <c>RestPullRequestRebaseResult</c>: the source branch's ref change.</summary>
internal sealed record RestPullRequestRebaseResult(RestRefChange RefChange);
