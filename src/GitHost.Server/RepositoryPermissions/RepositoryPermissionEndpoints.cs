using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.RepositoryPermissions;
using Microsoft.AspNetCore.Mvc;

namespace GitHost.Server.RepositoryPermissions;

/// <summary><c>/rest/api/1.0/projects/{projectKey}/repos/{repositorySlug}/permissions</c>: repository grants for users and groups.</summary>
internal static class RepositoryPermissionEndpoints
{
    public static RouteGroupBuilder MapRepositoryPermissionEndpoints(this RouteGroupBuilder api)
    {
        var permissions = api.MapGroup("/projects/{projectKey}/repos/{repositorySlug}/permissions");
        permissions.MapGet("/users", UsersAsync);
        permissions.MapPut("/users", GrantUsersAsync).RetriesWriteConflicts();
        permissions.MapDelete("/users", RevokeUsersAsync);
        permissions.MapGet("/users/none", UsersWithoutGrantAsync);
        permissions.MapGet("/groups", GroupsAsync);
        permissions.MapPut("/groups", GrantGroupsAsync).RetriesWriteConflicts();
        permissions.MapDelete("/groups", RevokeGroupsAsync);
        permissions.MapGet("/groups/none", GroupsWithoutGrantAsync);
        return api;
    }

    private static async Task<RestPage<RestPermittedUser>> UsersAsync(
        HttpContext http, RepositoryPermissionQueries queries, RestMapper mapper, string projectKey, string repositorySlug, string? filter, int? start, int? limit)
    {
        var page = await queries.UsersAsync(http.GetPrincipal(), projectKey, repositorySlug, filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestPermittedUser>.From(page, p => new RestPermittedUser(mapper.User(p.User), p.Permission.ToWireName()));
    }

    private static async Task<RestPage<RestPermittedGroup>> GroupsAsync(
        HttpContext http, RepositoryPermissionQueries queries, string projectKey, string repositorySlug, string? filter, int? start, int? limit)
    {
        var page = await queries.GroupsAsync(http.GetPrincipal(), projectKey, repositorySlug, filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestPermittedGroup>.From(page, p => new RestPermittedGroup(new RestGroupName(p.Group.Name), p.Permission.ToWireName()));
    }

    private static async Task<RestPage<RestUser>> UsersWithoutGrantAsync(
        HttpContext http, RepositoryPermissionQueries queries, RestMapper mapper, string projectKey, string repositorySlug, string? filter, int? start, int? limit)
    {
        var page = await queries.UsersWithoutGrantAsync(http.GetPrincipal(), projectKey, repositorySlug, filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestUser>.From(page, mapper.User);
    }

    private static async Task<RestPage<RestGroupName>> GroupsWithoutGrantAsync(
        HttpContext http, RepositoryPermissionQueries queries, string projectKey, string repositorySlug, string? filter, int? start, int? limit)
    {
        var page = await queries.GroupsWithoutGrantAsync(http.GetPrincipal(), projectKey, repositorySlug, filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestGroupName>.From(page, g => new RestGroupName(g.Name, Deletable: true));
    }

    private static async Task<IResult> GrantUsersAsync(
        HttpContext http, RepositoryPermissionService service, string projectKey, string repositorySlug,
        [FromQuery(Name = "name")] string[]? names, string? permission)
    {
        await service.GrantUsersAsync(http.GetPrincipal(), projectKey, repositorySlug, names, permission, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GrantGroupsAsync(
        HttpContext http, RepositoryPermissionService service, string projectKey, string repositorySlug,
        [FromQuery(Name = "name")] string[]? names, string? permission)
    {
        await service.GrantGroupsAsync(http.GetPrincipal(), projectKey, repositorySlug, names, permission, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RevokeUsersAsync(
        HttpContext http, RepositoryPermissionService service, string projectKey, string repositorySlug, [FromQuery(Name = "name")] string[]? names)
    {
        await service.RevokeUsersAsync(http.GetPrincipal(), projectKey, repositorySlug, names, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RevokeGroupsAsync(
        HttpContext http, RepositoryPermissionService service, string projectKey, string repositorySlug, [FromQuery(Name = "name")] string[]? names)
    {
        await service.RevokeGroupsAsync(http.GetPrincipal(), projectKey, repositorySlug, names, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
