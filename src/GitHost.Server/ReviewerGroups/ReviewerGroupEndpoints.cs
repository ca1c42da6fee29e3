using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.ReviewerGroups;

namespace GitHost.Server.ReviewerGroups;

/// <summary>
/// <c>/rest/api/1.0/projects/{key}[/repos/{slug}]/settings/reviewer-groups</c>: a paged list (a
/// repository's includes its project's groups), create (201), and <c>/{id}</c> get, update (only
/// the members sent change) and delete (204); <c>.../repos/{slug}/settings/reviewer-groups/{id}/users</c>
/// is a plain array of the group's users who can read the repository.
/// </summary>
internal static class ReviewerGroupEndpoints
{
    private const string Project = "/projects/{projectKey}/settings/reviewer-groups";
    private const string Repo = "/projects/{projectKey}/repos/{repositorySlug}/settings/reviewer-groups";

    public static RouteGroupBuilder MapReviewerGroupEndpoints(this RouteGroupBuilder api)
    {
        foreach (var path in new[] { Project, Repo })
        {
            api.MapGet(path, ListAsync);
            api.MapPost(path, CreateAsync);
            api.MapGet(path + "/{id:long}", GetAsync);
            api.MapPut(path + "/{id:long}", UpdateAsync);
            api.MapDelete(path + "/{id:long}", DeleteAsync);
        }

        api.MapGet(Repo + "/{id:long}/users", UsersAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, ReviewerGroupService groups, RestMapper mapper, string projectKey, int? start, int? limit)
    {
        var page = await groups.ListAsync(http.GetPrincipal(), projectKey, Slug(http), PageRequest.Create(start, limit), http.RequestAborted);
        return TypedResults.Ok(RestPage<RestReviewerGroup>.From(page, g => RestReviewerGroup.From(g, mapper)));
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, ReviewerGroupService groups, RestMapper mapper, string projectKey, ReviewerGroupRequest body)
    {
        var created = RestReviewerGroup.From(
            await groups.CreateAsync(http.GetPrincipal(), projectKey, Slug(http), body.ToInput(), http.RequestAborted), mapper);
        return TypedResults.Created($"{http.Request.PathBase}{http.Request.Path}/{created.Id}", created);
    }

    private static async Task<IResult> GetAsync(HttpContext http, ReviewerGroupService groups, RestMapper mapper, string projectKey, long id) =>
        TypedResults.Ok(RestReviewerGroup.From(await groups.GetAsync(http.GetPrincipal(), projectKey, Slug(http), id, http.RequestAborted), mapper));

    private static async Task<IResult> UpdateAsync(
        HttpContext http, ReviewerGroupService groups, RestMapper mapper, string projectKey, long id, ReviewerGroupRequest body) =>
        TypedResults.Ok(RestReviewerGroup.From(
            await groups.UpdateAsync(http.GetPrincipal(), projectKey, Slug(http), id, body.ToInput(), http.RequestAborted), mapper));

    private static async Task<IResult> DeleteAsync(HttpContext http, ReviewerGroupService groups, string projectKey, long id)
    {
        await groups.DeleteAsync(http.GetPrincipal(), projectKey, Slug(http), id, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> UsersAsync(
        HttpContext http, ReviewerGroupService groups, RestMapper mapper, string projectKey, string repositorySlug, long id)
    {
        var users = await groups.ReviewersAsync(http.GetPrincipal(), projectKey, repositorySlug, id, http.RequestAborted);
        return TypedResults.Ok(users.Select(mapper.User).ToList());
    }

    /// <summary>Only from the route: a query parameter of that name must not turn a project request into a repository one.</summary>
    private static string? Slug(HttpContext http) => http.Request.RouteValues["repositorySlug"] as string;
}
