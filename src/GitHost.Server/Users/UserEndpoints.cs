using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Groups;
using GitHost.Services.Users;

namespace GitHost.Server.Users;

/// <summary><c>/rest/api/1.0/users</c> and <c>/groups</c>: the directory every licensed user reads, and their own account.</summary>
internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/users", ListAsync);
        api.MapPut("/users", UpdateSelfAsync).InvalidatesCredentials();
        api.MapPut("/users/credentials", ChangePasswordAsync).InvalidatesCredentials();
        api.MapGet("/users/{userSlug}", GetAsync);
        api.MapGet("/groups", GroupNamesAsync);
        return api;
    }

    private static async Task<RestPage<RestUser>> ListAsync(
        HttpContext http, UserSearch search, RestMapper mapper, string? filter, string? group, int? start, int? limit)
    {
        var query = new UserQuery(filter, group, UserPermissionFilterParser.Parse(http.Request.Query));
        var page = await search.ListAsync(http.GetPrincipal(), query, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestUser>.From(page, u => mapper.User(u));
    }

    private static async Task<RestUser> GetAsync(HttpContext http, UserSearch search, RestMapper mapper, string userSlug) =>
        mapper.User(await search.GetAsync(http.GetPrincipal(), userSlug, http.RequestAborted));

    private static async Task<RestUser> UpdateSelfAsync(HttpContext http, UserAccountService account, RestMapper mapper, UserUpdateRequest body)
    {
        var user = await account.UpdateAsync(
            http.GetPrincipal(), new UserDetailsUpdate(body.Name, body.DisplayName, body.Email, body.Active), http.RequestAborted);
        return mapper.User(user);
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext http, UserAccountService account, UserPasswordUpdateRequest body)
    {
        await account.ChangePasswordAsync(http.GetPrincipal(), body.OldPassword, body.Password, body.PasswordConfirm, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestPage<string>> GroupNamesAsync(HttpContext http, GroupService groups, string? filter, int? start, int? limit) =>
        RestPage<string>.From(await groups.NamesAsync(http.GetPrincipal(), filter, PageRequest.Create(start, limit), http.RequestAborted));
}
