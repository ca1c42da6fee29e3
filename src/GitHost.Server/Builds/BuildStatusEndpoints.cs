using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Builds;

namespace GitHost.Server.Builds;

/// <summary><c>/rest/api/1.0/projects/{key}/repos/{slug}/commits/{sha}/builds</c>: POST (upsert by key), GET, DELETE <c>?key=</c>.</summary>
internal static class BuildStatusEndpoints
{
    private const string Builds = "/projects/{projectKey}/repos/{slug}/commits/{commitId}/builds";

    public static RouteGroupBuilder MapBuildStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost(Builds, PostAsync);
        api.MapGet(Builds, GetAsync);
        api.MapDelete(Builds, DeleteAsync);
        return api;
    }

    private static async Task<IResult> PostAsync(
        HttpContext http, BuildStatuses statuses, string projectKey, string slug, string commitId, BuildStatusRequest body)
    {
        await statuses.PostAsync(http.GetPrincipal(), projectKey, slug, commitId, body.ToInput(), http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>With <c>?key=</c> one status, as Bitbucket; without it a page of all (a GitHost convenience).</summary>
    private static async Task<IResult> GetAsync(
        HttpContext http, BuildStatuses statuses, string projectKey, string slug, string commitId, string? key, int? start, int? limit)
    {
        if (key is not null)
        {
            return TypedResults.Ok(RestBuildStatus.From(await statuses.GetAsync(http.GetPrincipal(), projectKey, slug, commitId, key, http.RequestAborted)));
        }

        var page = await statuses.ListAsync(http.GetPrincipal(), projectKey, slug, commitId, PageRequest.Create(start, limit), http.RequestAborted);
        return TypedResults.Ok(RestPage<RestBuildStatus>.From(page, RestBuildStatus.From));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, BuildStatuses statuses, string projectKey, string slug, string commitId, string? key)
    {
        await statuses.DeleteAsync(http.GetPrincipal(), projectKey, slug, commitId, key, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
