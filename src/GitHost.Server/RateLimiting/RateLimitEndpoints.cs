using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Audit;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

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

    private static async Task<RestRateLimitSettings> GetSettingsAsync(HttpContext http, PermissionService permissions, RateLimitSettingsStore store)
    {
        await permissions.DemandGlobalAsync(http.GetPrincipal(), Permission.Admin, http.RequestAborted);
        return ToRest(await store.GetAsync(http.RequestAborted));
    }

    private static async Task<RestRateLimitSettings> UpdateSettingsAsync(
        HttpContext http, PermissionService permissions, RateLimitSettingsStore store, AuditWriter audit, RateLimitSettingsRequest body)
    {
        await permissions.DemandGlobalAsync(http.GetPrincipal(), Permission.Admin, http.RequestAborted);
        var current = await store.GetAsync(http.RequestAborted);
        var bucket = RateLimitBucket.From(body.DefaultSettings?.Capacity, body.DefaultSettings?.FillRate, current.Default);
        var saved = await store.SaveDefaultsAsync(body.Enabled ?? current.Enabled, bucket, http.RequestAborted);
        await audit.CommitAsync(AuditAction.RateLimitSettingsChanged, AuditSubject.Global, ToRest(current), ToRest(saved), http.RequestAborted);
        return ToRest(saved);
    }

    private static async Task<RestPage<RestUserRateLimitSettings>> ListUsersAsync(
        HttpContext http, PermissionService permissions, RateLimitSettingsStore store, GitHostDbContext db, RestMapper mapper, int? start, int? limit)
    {
        await permissions.DemandGlobalAsync(http.GetPrincipal(), Permission.Admin, http.RequestAborted);
        var request = PageRequest.Create(start, limit);
        var overrides = (await store.GetAsync(http.RequestAborted)).Users;
        var ids = overrides.Keys.ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Slug).ToListAsync(http.RequestAborted);
        var page = Page<UserEntity>.From(users, request);
        return RestPage<RestUserRateLimitSettings>.From(page, u => ToRest(mapper.User(u), overrides[u.Id]));
    }

    private static async Task<RestUserRateLimitSettings> GetUserAsync(
        HttpContext http, PermissionService permissions, RateLimitSettingsStore store, GitHostDbContext db, RestMapper mapper, string userSlug)
    {
        await permissions.DemandGlobalAsync(http.GetPrincipal(), Permission.Admin, http.RequestAborted);
        var user = await FindUserAsync(db, userSlug, http.RequestAborted);
        if (!(await store.GetAsync(http.RequestAborted)).Users.TryGetValue(user.Id, out var settings))
        {
            throw new GitHostException(FailureKind.NotFound, $"User {user.Slug} has no rate limit settings of their own.",
                exceptionName: BitbucketExceptionNames.NoSuchEntity);
        }

        return ToRest(mapper.User(user), settings);
    }

    private static async Task<RestUserRateLimitSettings> UpdateUserAsync(
        HttpContext http, PermissionService permissions, RateLimitSettingsStore store, GitHostDbContext db, RestMapper mapper, AuditWriter audit,
        string userSlug, UserRateLimitRequest body)
    {
        await permissions.DemandGlobalAsync(http.GetPrincipal(), Permission.Admin, http.RequestAborted);
        var user = await FindUserAsync(db, userSlug, http.RequestAborted);
        var whitelisted = body.Whitelisted ?? false;
        if (!whitelisted && body.Settings is null)
        {
            throw GitHostException.Invalid("Give settings {capacity, fillRate}, or whitelisted: true to exempt the user.", "settings");
        }

        var defaults = (await store.GetAsync(http.RequestAborted)).Default;
        var bucket = body.Settings is { } settings ? RateLimitBucket.From(settings.Capacity, settings.FillRate, defaults) : (RateLimitBucket?)null;
        var value = new UserRateLimit(whitelisted, bucket);
        await store.SaveUserAsync(user.Id, value, http.RequestAborted);
        await audit.CommitAsync(AuditAction.UserRateLimitChanged, AuditSubject.User(user.Id, user.UserName), null, new { value.Whitelisted, value.Settings }, http.RequestAborted);
        return ToRest(mapper.User(user), value);
    }

    private static async Task<IResult> DeleteUserAsync(
        HttpContext http, PermissionService permissions, RateLimitSettingsStore store, GitHostDbContext db, AuditWriter audit, string userSlug)
    {
        await permissions.DemandGlobalAsync(http.GetPrincipal(), Permission.Admin, http.RequestAborted);
        var user = await FindUserAsync(db, userSlug, http.RequestAborted);
        await store.SaveUserAsync(user.Id, null, http.RequestAborted);
        await audit.CommitAsync(AuditAction.UserRateLimitRemoved, AuditSubject.User(user.Id, user.UserName), null, null, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<UserEntity> FindUserAsync(GitHostDbContext db, string userSlug, CancellationToken cancellationToken)
    {
        var slug = userSlug.ToLowerInvariant();
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Slug == slug, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"User {userSlug} does not exist.", exceptionName: BitbucketExceptionNames.NoSuchUser);
    }

    private static RestRateLimitSettings ToRest(RateLimitSnapshot settings) =>
        new(settings.Enabled, new RestTokenBucketSettings(settings.Default.Capacity, settings.Default.FillRate));

    private static RestUserRateLimitSettings ToRest(RestUser user, UserRateLimit settings) =>
        new(user, settings.Whitelisted, settings.Settings is { } bucket ? new RestTokenBucketSettings(bucket.Capacity, bucket.FillRate) : null);
}
