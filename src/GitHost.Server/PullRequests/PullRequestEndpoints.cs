using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GitHost.Server.PullRequests;

/// <summary><c>/rest/api/1.0/projects/{key}/repos/{slug}/pull-requests</c>: open, read, list, change, decline, reopen, delete.</summary>
internal static class PullRequestEndpoints
{
    public const string Collection = "/projects/{projectKey}/repos/{slug}/pull-requests";
    public const string One = Collection + "/{pullRequestId:long}";

    public static RouteGroupBuilder MapPullRequestEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Collection, ListAsync);
        api.MapPost(Collection, CreateAsync);
        api.MapGet(One, GetAsync);
        api.MapPut(One, UpdateAsync);
        api.MapDelete(One, DeleteAsync);
        api.MapPost(One + "/decline", DeclineAsync);
        api.MapPost(One + "/reopen", ReopenAsync);
        return api;
    }

    private static async Task<GeneratedJson<RestPage<RestPullRequest>>> ListAsync(
        HttpContext http, PullRequestListing listing, RestMapper mapper, LinkBuilder links, string projectKey, string slug, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var query = PullRequestQueryParser.Parse(http.Request.Query);
        var page = await listing.ListAsync(principal, projectKey, slug, query, PageRequest.Create(start, limit), http.RequestAborted);
        return new(mapper.ToRestPage(page, links, principal), PullRequestJsonContext.Default.RestPageRestPullRequest);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, PullRequestCreation creation, RestMapper mapper, LinkBuilder links, string projectKey, string slug, CreatePullRequestRequest body)
    {
        var principal = http.GetPrincipal();
        var command = new CreatePullRequest(
            body.Title, body.Description, body.Draft ?? false, body.FromRef?.ToSpecifier(), body.ToRef?.ToSpecifier(), Reviewers(body.Reviewers));
        var view = await creation.CreateAsync(principal, projectKey, slug, command, http.RequestAborted);
        var rest = mapper.ToRest(view, links, principal);
        return TypedResults.Created(rest.Links.Self![0].Href, rest);
    }

    private static async Task<RestPullRequest> GetAsync(
        HttpContext http, PullRequestListing listing, RestMapper mapper, LinkBuilder links, string projectKey, string slug, long pullRequestId)
    {
        var principal = http.GetPrincipal();
        return mapper.ToRest(await listing.GetAsync(principal, projectKey, slug, pullRequestId, http.RequestAborted), links, principal);
    }

    private static async Task<RestPullRequest> UpdateAsync(
        HttpContext http, PullRequestUpdate update, RestMapper mapper, LinkBuilder links, string projectKey, string slug, long pullRequestId,
        UpdatePullRequestRequest body)
    {
        var principal = http.GetPrincipal();
        var command = new UpdatePullRequest(body.Version, body.Title, body.Description, body.Draft, body.ToRef?.ToSpecifier(), Reviewers(body.Reviewers));
        return mapper.ToRest(await update.UpdateAsync(principal, projectKey, slug, pullRequestId, command, http.RequestAborted), links, principal);
    }

    /// <summary>Bitbucket takes the version in the body (<c>{"version": 3}</c>) or the query.</summary>
    private static async Task<IResult> DeleteAsync(
        HttpContext http, PullRequestDeletion deletion, string projectKey, string slug, long pullRequestId, string? version,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PullRequestVersionRequest? body)
    {
        await deletion.DeleteAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, body?.Version ?? PullRequestQueryParser.Version(version), http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestPullRequest> DeclineAsync(
        HttpContext http, PullRequestLifecycle lifecycle, RestMapper mapper, LinkBuilder links, string projectKey, string slug, long pullRequestId,
        string? version, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PullRequestVersionRequest? body)
    {
        var principal = http.GetPrincipal();
        var view = await lifecycle.DeclineAsync(principal, projectKey, slug, pullRequestId, PullRequestQueryParser.Version(version) ?? body?.Version, http.RequestAborted);
        return mapper.ToRest(view, links, principal);
    }

    private static async Task<RestPullRequest> ReopenAsync(
        HttpContext http, PullRequestLifecycle lifecycle, RestMapper mapper, LinkBuilder links, string projectKey, string slug, long pullRequestId,
        string? version, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PullRequestVersionRequest? body)
    {
        var principal = http.GetPrincipal();
        var view = await lifecycle.ReopenAsync(principal, projectKey, slug, pullRequestId, PullRequestQueryParser.Version(version) ?? body?.Version, http.RequestAborted);
        return mapper.ToRest(view, links, principal);
    }

    private static IReadOnlyList<string>? Reviewers(IReadOnlyList<PullRequestUserRequest>? reviewers) =>
        reviewers?.Select(r => r.Name ?? "").ToList();
}
