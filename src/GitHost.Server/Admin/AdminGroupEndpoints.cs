using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Groups;

namespace GitHost.Server.Admin;

/// <summary><c>/rest/api/1.0/admin/groups</c>: group administration (ADMIN).</summary>
internal static class AdminGroupEndpoints
{
    public static RouteGroupBuilder MapAdminGroupEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/groups", ListAsync);
        api.MapPost("/admin/groups", CreateAsync).InvalidatesCredentials();
        api.MapDelete("/admin/groups", DeleteAsync).InvalidatesCredentials();
        return api;
    }

    private static async Task<RestPage<RestDetailedGroup>> ListAsync(HttpContext http, GroupService groups, string? filter, int? start, int? limit)
    {
        var page = await groups.ListAsync(http.GetPrincipal(), filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestDetailedGroup>.From(page, ToRest);
    }

    private static async Task<RestDetailedGroup> CreateAsync(HttpContext http, GroupService groups, string? name) =>
        ToRest(await groups.CreateAsync(http.GetPrincipal(), name, http.RequestAborted));

    private static async Task<RestDetailedGroup> DeleteAsync(HttpContext http, GroupService groups, string? name) =>
        ToRest(await groups.DeleteAsync(http.GetPrincipal(), name, http.RequestAborted));

    internal static RestDetailedGroup ToRest(GroupView group) => new(group.Name, group.Deletable);
}
