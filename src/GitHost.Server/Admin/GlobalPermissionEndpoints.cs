using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.GlobalPermissions;
using Microsoft.AspNetCore.Mvc;

namespace GitHost.Server.Admin;

/// <summary><c>/rest/api/1.0/admin/permissions/users</c> and <c>/groups</c>: global permissions (ADMIN).</summary>
internal static class GlobalPermissionEndpoints
{
    public static RouteGroupBuilder MapGlobalPermissionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/permissions/users", UsersAsync);
        api.MapGet("/admin/permissions/users/none", UsersWithoutAsync);
        api.MapPut("/admin/permissions/users", SetUsersAsync).RetriesWriteConflicts().InvalidatesCredentials();
        api.MapDelete("/admin/permissions/users", RevokeUsersAsync).InvalidatesCredentials();
        api.MapGet("/admin/permissions/groups", GroupsAsync);
        api.MapGet("/admin/permissions/groups/none", GroupsWithoutAsync);
        api.MapPut("/admin/permissions/groups", SetGroupsAsync).RetriesWriteConflicts().InvalidatesCredentials();
        api.MapDelete("/admin/permissions/groups", RevokeGroupsAsync).InvalidatesCredentials();
        return api;
    }

    private static async Task<RestPage<RestPermittedUser>> UsersAsync(
        HttpContext http, GlobalPermissionService grants, RestMapper mapper, string? filter, int? start, int? limit)
    {
        var page = await grants.UsersAsync(http.GetPrincipal(), filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestPermittedUser>.From(page, p => new RestPermittedUser(mapper.User(p.User), p.Permission.ToWireName()));
    }

    private static async Task<RestPage<RestUser>> UsersWithoutAsync(
        HttpContext http, GlobalPermissionService grants, RestMapper mapper, string? filter, int? start, int? limit)
    {
        var page = await grants.UsersWithoutAsync(http.GetPrincipal(), filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestUser>.From(page, u => mapper.User(u));
    }

    private static async Task<IResult> SetUsersAsync(HttpContext http, GlobalPermissionService grants, [FromQuery] string[]? name, string? permission)
    {
        await grants.GrantUsersAsync(http.GetPrincipal(), name, permission, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RevokeUsersAsync(HttpContext http, GlobalPermissionService grants, [FromQuery] string[]? name)
    {
        await grants.RevokeUsersAsync(http.GetPrincipal(), name, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestPage<RestPermittedGroup>> GroupsAsync(
        HttpContext http, GlobalPermissionService grants, string? filter, int? start, int? limit)
    {
        var page = await grants.GroupsAsync(http.GetPrincipal(), filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestPermittedGroup>.From(page, g => new RestPermittedGroup(new RestGroupName(g.Name), g.Permission.ToWireName()));
    }

    private static async Task<RestPage<RestDetailedGroup>> GroupsWithoutAsync(
        HttpContext http, GlobalPermissionService grants, string? filter, int? start, int? limit)
    {
        var page = await grants.GroupsWithoutAsync(http.GetPrincipal(), filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestDetailedGroup>.From(page, AdminGroupEndpoints.ToRest);
    }

    private static async Task<IResult> SetGroupsAsync(HttpContext http, GlobalPermissionService grants, [FromQuery] string[]? name, string? permission)
    {
        await grants.GrantGroupsAsync(http.GetPrincipal(), name, permission, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RevokeGroupsAsync(HttpContext http, GlobalPermissionService grants, [FromQuery] string[]? name)
    {
        await grants.RevokeGroupsAsync(http.GetPrincipal(), name, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
