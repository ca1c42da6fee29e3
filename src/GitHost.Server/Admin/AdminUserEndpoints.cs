using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Server.Users;
using GitHost.Services.Users;

namespace GitHost.Server.Admin;

/// <summary><c>/rest/api/1.0/admin/users</c>: user administration (ADMIN).</summary>
internal static class AdminUserEndpoints
{
    public static RouteGroupBuilder MapAdminUserEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/users", ListAsync);
        api.MapPost("/admin/users", CreateAsync).InvalidatesCredentials();
        api.MapPut("/admin/users", UpdateAsync).InvalidatesCredentials();
        api.MapDelete("/admin/users", DeleteAsync).InvalidatesCredentials();
        api.MapPut("/admin/users/credentials", SetPasswordAsync).InvalidatesCredentials();
        api.MapPost("/admin/users/rename", RenameAsync).InvalidatesCredentials();
        api.MapDelete("/admin/users/captcha", ClearSignInLockAsync);
        return api;
    }

    private static async Task<RestPage<RestDetailedUser>> ListAsync(
        HttpContext http, UserAdminService admin, RestMapper mapper, string? filter, int? start, int? limit)
    {
        var page = await admin.ListAsync(http.GetPrincipal(), filter, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestDetailedUser>.From(page, v => mapper.DetailedUser(v.User, v.Deletable));
    }

    /// <summary>Bitbucket takes the new user as query parameters and answers 204.</summary>
    private static async Task<IResult> CreateAsync(
        HttpContext http, UserAdminService admin, string? name, string? displayName, string? emailAddress, string? password,
        bool? addToDefaultGroup, bool? notify)
    {
        // addToDefaultGroup: every user here is a licensed user already, which is what Bitbucket's
        // default group is for. notify: there is no mail server, so a password is always required.
        _ = (addToDefaultGroup, notify);
        await admin.CreateAsync(http.GetPrincipal(), new CreateUser(name, displayName, emailAddress, password), http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestDetailedUser> UpdateAsync(HttpContext http, UserAdminService admin, RestMapper mapper, UserUpdateRequest body)
    {
        var view = await admin.UpdateAsync(http.GetPrincipal(), new UserDetailsUpdate(body.Name, body.DisplayName, body.Email, body.Active), http.RequestAborted);
        return mapper.DetailedUser(view.User, view.Deletable);
    }

    private static async Task<RestDetailedUser> DeleteAsync(HttpContext http, UserDeletion deletion, RestMapper mapper, string? name)
    {
        var view = await deletion.DeleteAsync(http.GetPrincipal(), name, http.RequestAborted);
        return mapper.DetailedUser(view.User, view.Deletable);
    }

    private static async Task<IResult> SetPasswordAsync(HttpContext http, UserAdminService admin, AdminPasswordUpdateRequest body)
    {
        await admin.SetPasswordAsync(http.GetPrincipal(), body.Name, body.Password, body.PasswordConfirm, http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Bitbucket's "clear CAPTCHA": here it lifts the password sign-in lock on the name.</summary>
    private static async Task<IResult> ClearSignInLockAsync(HttpContext http, UserAdminService admin, string? name)
    {
        await admin.ClearSignInLockAsync(http.GetPrincipal(), name, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestDetailedUser> RenameAsync(HttpContext http, UserRename rename, RestMapper mapper, UserRenameRequest body)
    {
        var view = await rename.RenameAsync(http.GetPrincipal(), body.Name, body.NewName, http.RequestAborted);
        return mapper.DetailedUser(view.User, view.Deletable);
    }
}
