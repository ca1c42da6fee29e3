using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Groups;

namespace GitHost.Server.Admin;

/// <summary>Group membership under <c>/rest/api/1.0/admin/users</c> and <c>/admin/groups</c> (ADMIN).</summary>
internal static class AdminMembershipEndpoints
{
    public static RouteGroupBuilder MapAdminMembershipEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/admin/users/add-groups", AddUserToGroupsAsync).RetriesWriteConflicts().InvalidatesCredentials();
        api.MapPost("/admin/groups/add-users", AddUsersToGroupAsync).RetriesWriteConflicts().InvalidatesCredentials();
        api.MapPost("/admin/users/add-group", LegacyAddGroupAsync).RetriesWriteConflicts().InvalidatesCredentials();
        api.MapPost("/admin/users/remove-group", LegacyRemoveGroupAsync).InvalidatesCredentials();
        api.MapPost("/admin/groups/add-user", LegacyAddUserAsync).RetriesWriteConflicts().InvalidatesCredentials();
        api.MapPost("/admin/groups/remove-user", LegacyRemoveUserAsync).InvalidatesCredentials();
        api.MapGet("/admin/groups/more-members", (HttpContext http, GroupMembershipService members, RestMapper mapper, string? context, string? filter, int? start, int? limit) =>
            UsersAsync(http, members, mapper, context, true, filter, start, limit));
        api.MapGet("/admin/groups/more-non-members", (HttpContext http, GroupMembershipService members, RestMapper mapper, string? context, string? filter, int? start, int? limit) =>
            UsersAsync(http, members, mapper, context, false, filter, start, limit));
        api.MapGet("/admin/users/more-members", (HttpContext http, GroupMembershipService members, string? context, string? filter, int? start, int? limit) =>
            GroupsAsync(http, members, context, true, filter, start, limit));
        api.MapGet("/admin/users/more-non-members", (HttpContext http, GroupMembershipService members, string? context, string? filter, int? start, int? limit) =>
            GroupsAsync(http, members, context, false, filter, start, limit));
        return api;
    }

    private static async Task<IResult> AddUserToGroupsAsync(HttpContext http, GroupMembershipService members, UserAndGroupsRequest body)
    {
        await members.AddUserToGroupsAsync(http.GetPrincipal(), body.User, body.Groups, http.RequestAborted);
        return TypedResults.Ok();
    }

    private static async Task<IResult> AddUsersToGroupAsync(HttpContext http, GroupMembershipService members, GroupAndUsersRequest body)
    {
        await members.AddUsersToGroupAsync(http.GetPrincipal(), body.Group, body.Users, http.RequestAborted);
        return TypedResults.Ok();
    }

    private static async Task<IResult> LegacyAddGroupAsync(HttpContext http, GroupMembershipService members, PickerContextRequest body)
    {
        await members.AddUserToGroupsAsync(http.GetPrincipal(), body.Context, body.ItemName is null ? null : [body.ItemName], http.RequestAborted);
        return TypedResults.Ok();
    }

    private static async Task<IResult> LegacyAddUserAsync(HttpContext http, GroupMembershipService members, PickerContextRequest body)
    {
        await members.AddUsersToGroupAsync(http.GetPrincipal(), body.Context, body.ItemName is null ? null : [body.ItemName], http.RequestAborted);
        return TypedResults.Ok();
    }

    private static async Task<IResult> LegacyRemoveGroupAsync(HttpContext http, GroupMembershipService members, PickerContextRequest body)
    {
        await members.RemoveUserFromGroupAsync(http.GetPrincipal(), body.Context, body.ItemName, "context", "itemName", http.RequestAborted);
        return TypedResults.Ok();
    }

    private static async Task<IResult> LegacyRemoveUserAsync(HttpContext http, GroupMembershipService members, PickerContextRequest body)
    {
        await members.RemoveUserFromGroupAsync(http.GetPrincipal(), body.ItemName, body.Context, "itemName", "context", http.RequestAborted);
        return TypedResults.Ok();
    }

    private static async Task<RestPage<RestDetailedUser>> UsersAsync(
        HttpContext http, GroupMembershipService members, RestMapper mapper, string? group, bool isMember, string? filter, int? start, int? limit)
    {
        var page = await members.UsersAsync(http.GetPrincipal(), group, isMember, filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestDetailedUser>.From(page, u => mapper.DetailedUser(u, u.Id != http.GetPrincipal().UserId));
    }

    private static async Task<RestPage<RestDetailedGroup>> GroupsAsync(
        HttpContext http, GroupMembershipService members, string? user, bool isMember, string? filter, int? start, int? limit)
    {
        var page = await members.GroupsAsync(http.GetPrincipal(), user, isMember, filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestDetailedGroup>.From(page, AdminGroupEndpoints.ToRest);
    }
}
