using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.ProjectPermissions;
using Microsoft.AspNetCore.Mvc;

namespace GitHost.Server.ProjectPermissions;

/// <summary><c>/rest/api/1.0/projects/{projectKey}/permissions</c>: project grants for users, groups and all users.</summary>
internal static class ProjectPermissionEndpoints
{
    public static RouteGroupBuilder MapProjectPermissionEndpoints(this RouteGroupBuilder api)
    {
        var permissions = api.MapGroup("/projects/{projectKey}/permissions");
        permissions.MapGet("/users", UsersAsync);
        permissions.MapPut("/users", GrantUsersAsync).RetriesWriteConflicts();
        permissions.MapDelete("/users", RevokeUsersAsync);
        permissions.MapGet("/users/none", UsersWithoutGrantAsync);
        permissions.MapGet("/groups", GroupsAsync);
        permissions.MapPut("/groups", GrantGroupsAsync).RetriesWriteConflicts();
        permissions.MapDelete("/groups", RevokeGroupsAsync);
        permissions.MapGet("/groups/none", GroupsWithoutGrantAsync);
        permissions.MapGet("/{permission}/all", AllUsersAsync);
        permissions.MapPost("/{permission}/all", SetAllUsersAsync).RetriesWriteConflicts();
        return api;
    }

    private static async Task<RestPage<RestPermittedUser>> UsersAsync(
        HttpContext http, ProjectPermissionQueries queries, RestMapper mapper, string projectKey, string? filter, int? start, int? limit)
    {
        var page = await queries.UsersAsync(http.GetPrincipal(), projectKey, filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestPermittedUser>.From(page, p => new RestPermittedUser(mapper.User(p.User), p.Permission.ToWireName()));
    }

    private static async Task<RestPage<RestPermittedGroup>> GroupsAsync(
        HttpContext http, ProjectPermissionQueries queries, string projectKey, string? filter, int? start, int? limit)
    {
        var page = await queries.GroupsAsync(http.GetPrincipal(), projectKey, filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestPermittedGroup>.From(page, p => new RestPermittedGroup(new RestGroupName(p.Group.Name), p.Permission.ToWireName()));
    }

    private static async Task<RestPage<RestUser>> UsersWithoutGrantAsync(
        HttpContext http, ProjectPermissionQueries queries, RestMapper mapper, string projectKey, string? filter, int? start, int? limit)
    {
        var page = await queries.UsersWithoutGrantAsync(http.GetPrincipal(), projectKey, filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestUser>.From(page, mapper.User);
    }

    private static async Task<RestPage<RestGroupName>> GroupsWithoutGrantAsync(
        HttpContext http, ProjectPermissionQueries queries, string projectKey, string? filter, int? start, int? limit)
    {
        var page = await queries.GroupsWithoutGrantAsync(http.GetPrincipal(), projectKey, filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestGroupName>.From(page, g => new RestGroupName(g.Name, Deletable: true));
    }

    private static async Task<IResult> GrantUsersAsync(
        HttpContext http, ProjectPermissionService service, string projectKey, [FromQuery(Name = "name")] string[]? names, string? permission)
    {
        await service.GrantUsersAsync(http.GetPrincipal(), projectKey, names, permission, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GrantGroupsAsync(
        HttpContext http, ProjectPermissionService service, string projectKey, [FromQuery(Name = "name")] string[]? names, string? permission)
    {
        await service.GrantGroupsAsync(http.GetPrincipal(), projectKey, names, permission, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RevokeUsersAsync(
        HttpContext http, ProjectPermissionService service, string projectKey, [FromQuery(Name = "name")] string[]? names)
    {
        await service.RevokeUsersAsync(http.GetPrincipal(), projectKey, names, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RevokeGroupsAsync(
        HttpContext http, ProjectPermissionService service, string projectKey, [FromQuery(Name = "name")] string[]? names)
    {
        await service.RevokeGroupsAsync(http.GetPrincipal(), projectKey, names, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestPermitted> AllUsersAsync(HttpContext http, ProjectPermissionQueries queries, string projectKey, string permission) =>
        new(await queries.AllUsersPermittedAsync(http.GetPrincipal(), projectKey, permission, http.RequestAborted));

    private static async Task<IResult> SetAllUsersAsync(
        HttpContext http, ProjectPermissionService service, string projectKey, string permission, string? allow)
    {
        await service.SetAllUsersAsync(http.GetPrincipal(), projectKey, permission, PermissionQuery.Allow(allow), http.RequestAborted);
        return TypedResults.NoContent();
    }
}
