using System.Text.Json;
using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.BranchPermissions;

namespace GitHost.Server.BranchPermissions;

/// <summary>
/// <c>/rest/branch-permissions/2.0/projects/{key}[/repos/{slug}]/restrictions[/{id}]</c>: list (with
/// <c>type</c>, <c>matcherType</c>, <c>matcherId</c> filters), create one (<c>application/json</c>)
/// or many (<c>application/vnd.atl.bitbucket.bulk+json</c>, a JSON array; answered with an array),
/// read and delete. Administrators of the scope only, as in Bitbucket.
/// </summary>
internal static class RefRestrictionEndpoints
{
    private const string Project = "/projects/{projectKey}/restrictions";
    private const string Repo = "/projects/{projectKey}/repos/{repositorySlug}/restrictions";

    public static RouteGroupBuilder MapRefRestrictionEndpoints(this RouteGroupBuilder module)
    {
        module.MapGet(Project, (HttpContext http, RefRestrictions r, RestMapper m, string projectKey, string? type, string? matcherType, string? matcherId, int? start, int? limit) =>
            ListAsync(http, r, m, projectKey, null, type, matcherType, matcherId, start, limit));
        module.MapPost(Project, (HttpContext http, RefRestrictions r, RestMapper m, string projectKey, JsonElement body) => CreateAsync(http, r, m, projectKey, null, body));
        module.MapGet(Project + "/{id:long}", (HttpContext http, RefRestrictions r, RestMapper m, string projectKey, long id) => GetAsync(http, r, m, projectKey, null, id));
        module.MapDelete(Project + "/{id:long}", (HttpContext http, RefRestrictions r, string projectKey, long id) => DeleteAsync(http, r, projectKey, null, id));
        module.MapGet(Repo, (HttpContext http, RefRestrictions r, RestMapper m, string projectKey, string repositorySlug, string? type, string? matcherType, string? matcherId, int? start, int? limit) =>
            ListAsync(http, r, m, projectKey, repositorySlug, type, matcherType, matcherId, start, limit));
        module.MapPost(Repo, (HttpContext http, RefRestrictions r, RestMapper m, string projectKey, string repositorySlug, JsonElement body) =>
            CreateAsync(http, r, m, projectKey, repositorySlug, body));
        module.MapGet(Repo + "/{id:long}", (HttpContext http, RefRestrictions r, RestMapper m, string projectKey, string repositorySlug, long id) =>
            GetAsync(http, r, m, projectKey, repositorySlug, id));
        module.MapDelete(Repo + "/{id:long}", (HttpContext http, RefRestrictions r, string projectKey, string repositorySlug, long id) =>
            DeleteAsync(http, r, projectKey, repositorySlug, id));
        return module;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, RefRestrictions restrictions, RestMapper mapper, string projectKey, string? slug,
        string? type, string? matcherType, string? matcherId, int? start, int? limit)
    {
        var page = await restrictions.ListAsync(http.GetPrincipal(), projectKey, slug, type, matcherType, matcherId, PageRequest.Create(start, limit), http.RequestAborted);
        return TypedResults.Ok(RestPage<RestRefRestriction>.From(page, v => RestRefRestriction.From(v, mapper)));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, RefRestrictions restrictions, RestMapper mapper, string projectKey, string? slug, JsonElement body)
    {
        var (inputs, bulk) = RestRestrictionRequest.Parse(body);
        var created = await restrictions.CreateAsync(http.GetPrincipal(), projectKey, slug, inputs, http.RequestAborted);
        var rest = created.Select(v => RestRefRestriction.From(v, mapper)).ToList();
        return bulk ? TypedResults.Ok(rest) : TypedResults.Ok(rest[0]);
    }

    private static async Task<IResult> GetAsync(HttpContext http, RefRestrictions restrictions, RestMapper mapper, string projectKey, string? slug, long id) =>
        TypedResults.Ok(RestRefRestriction.From(await restrictions.GetAsync(http.GetPrincipal(), projectKey, slug, id, http.RequestAborted), mapper));

    private static async Task<IResult> DeleteAsync(HttpContext http, RefRestrictions restrictions, string projectKey, string? slug, long id)
    {
        await restrictions.DeleteAsync(http.GetPrincipal(), projectKey, slug, id, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
