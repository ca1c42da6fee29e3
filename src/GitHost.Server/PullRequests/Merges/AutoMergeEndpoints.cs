using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests.Merges;

namespace GitHost.Server.PullRequests.Merges;

/// <summary>
/// <c>.../pull-requests/{id}/auto-merge</c> (Bitbucket 8.15+): read, try now, or cancel a request to
/// merge once every check passes. The request itself is made with <c>POST .../merge</c> and <c>autoMerge: true</c>.
/// </summary>
internal static class AutoMergeEndpoints
{
    public static RouteGroupBuilder MapAutoMergeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(PullRequestEndpoints.One + "/auto-merge", GetAsync);
        api.MapPost(PullRequestEndpoints.One + "/auto-merge", ProcessAsync);
        api.MapDelete(PullRequestEndpoints.One + "/auto-merge", CancelAsync);
        return api;
    }

    /// <summary>204 when nobody asked for auto-merge.</summary>
    private static async Task<IResult> GetAsync(HttpContext http, AutoMerge autoMerge, string projectKey, string slug, long pullRequestId)
    {
        var request = await autoMerge.GetAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, http.RequestAborted);
        return request is null ? TypedResults.NoContent() : TypedResults.Ok(RestAutoMergeRequest.From(request));
    }

    private static async Task<RestAutoMergeProcessingResult> ProcessAsync(
        HttpContext http, AutoMerge autoMerge, RestMapper mapper, LinkBuilder links, string projectKey, string slug, long pullRequestId)
    {
        var principal = http.GetPrincipal();
        var attempt = await autoMerge.ProcessAsync(principal, projectKey, slug, pullRequestId, http.RequestAborted);
        return new RestAutoMergeProcessingResult(RestAutoMergeProcessingResult.Name(attempt.Outcome), mapper.ToRest(attempt.PullRequest, links, principal));
    }

    private static async Task<IResult> CancelAsync(HttpContext http, AutoMerge autoMerge, string projectKey, string slug, long pullRequestId)
    {
        await autoMerge.CancelAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, http.RequestAborted);
        return TypedResults.NoContent();
    }
}

/// <summary>Bitbucket's <c>RestAutoMergeRequest</c>.</summary>
internal sealed record RestAutoMergeRequest(bool AutoSubject, long CreatedDate, string FromHash, string? Message, string? StrategyId, string ToRefId)
{
    public static RestAutoMergeRequest From(AutoMergeRequestView request) =>
        new(request.Request.AutoSubject ?? true, request.Request.CreatedDate, request.Request.FromCommit, request.Request.Message, request.Request.StrategyId, request.ToRef);
}

/// <summary>Bitbucket's <c>RestAutoMergeProcessingResult</c>.</summary>
internal sealed record RestAutoMergeProcessingResult(string AutoMergeProcessingStatus, RestPullRequest PullRequest)
{
    public static string Name(AutoMergeOutcome outcome) => outcome switch
    {
        AutoMergeOutcome.LockFailure => "LOCK_FAILURE",
        _ => outcome.ToString().ToUpperInvariant(),
    };
}
