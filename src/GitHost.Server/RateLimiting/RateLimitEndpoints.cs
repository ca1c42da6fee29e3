using GitHost.Core.Paging;
using GitHost.Data.Users;
using GitHost.Server.Auth;
using GitHost.Server.Rest;

namespace GitHost.Server.RateLimiting;

/// <summary><c>/rest/api/1.0/admin/rate-limit/settings</c>: the instance bucket and per-user overrides (ADMIN).</summary>
internal static class RateLimitEndpoints
{
    public static RouteGroupBuilder MapRateLimitEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/rate-limit/settings", GetSettingsAsync);
        api.MapPut("/admin/rate-limit/settings", UpdateSettingsAsync);
        api.MapGet("/admin/rate-limit/settings/users", ListUsersAsync);
        api.MapGet("/admin/rate-limit/settings/users/{userSlug}", GetUserAsync);
        api.MapPut("/admin/rate-limit/settings/users/{userSlug}", UpdateUserAsync);
        api.MapDelete("/admin/rate-limit/settings/users/{userSlug}", DeleteUserAsync);
        return api;
    }

    private static async Task<RestRateLimitSettings> GetSettingsAsync(HttpContext http, RateLimitAdministration administration) =>
        RateLimitAdministration.ToRest(await administration.SettingsAsync(http.GetPrincipal(), http.RequestAborted));

    private static async Task<RestRateLimitSettings> UpdateSettingsAsync(HttpContext http, RateLimitAdministration administration, RateLimitSettingsRequest body) =>
        RateLimitAdministration.ToRest(await administration.SaveDefaultsAsync(
            http.GetPrincipal(), body.Enabled, body.DefaultSettings?.Capacity, body.DefaultSettings?.FillRate, http.RequestAborted));

    private static async Task<RestPage<RestUserRateLimitSettings>> ListUsersAsync(
        HttpContext http, RateLimitAdministration administration, RestMapper mapper, int? start, int? limit)
    {
        var users = await administration.UsersAsync(http.GetPrincipal(), http.RequestAborted);
        var page = Page<(UserEntity User, UserRateLimit Settings)>.From(users, PageRequest.Create(start, limit));
        return RestPage<RestUserRateLimitSettings>.From(page, u => ToRest(mapper.User(u.User), u.Settings));
    }

    private static async Task<RestUserRateLimitSettings> GetUserAsync(HttpContext http, RateLimitAdministration administration, RestMapper mapper, string userSlug)
    {
        var (user, settings) = await administration.UserAsync(http.GetPrincipal(), userSlug, http.RequestAborted);
        return ToRest(mapper.User(user), settings);
    }

    private static async Task<RestUserRateLimitSettings> UpdateUserAsync(
        HttpContext http, RateLimitAdministration administration, RestMapper mapper, string userSlug, UserRateLimitRequest body)
    {
        var (user, settings) = await administration.SaveUserAsync(http.GetPrincipal(), userSlug, body.Whitelisted ?? false, body.Settings is not null,
            body.Settings?.Capacity, body.Settings?.FillRate, http.RequestAborted);
        return ToRest(mapper.User(user), settings);
    }

    private static async Task<IResult> DeleteUserAsync(HttpContext http, RateLimitAdministration administration, string userSlug)
    {
        await administration.RemoveUserAsync(http.GetPrincipal(), userSlug, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static RestUserRateLimitSettings ToRest(RestUser user, UserRateLimit settings) =>
        new(user, settings.Whitelisted, settings.Settings is { } bucket ? new RestTokenBucketSettings(bucket.Capacity, bucket.FillRate) : null);
}
