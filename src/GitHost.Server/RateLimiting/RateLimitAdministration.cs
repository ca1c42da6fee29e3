using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data.Users;
using GitHost.Services.Audit;
using GitHost.Services.Permissions;
using GitHost.Services.Users;
using GitHost.Web.Admin;

namespace GitHost.Server.RateLimiting;

/// <summary>
/// Changing the rate limits: administrators only, values checked, every change audited. The one way in for
/// the REST endpoints and the administration page.
/// </summary>
internal sealed class RateLimitAdministration(PermissionService permissions, RateLimitSettingsStore store, UserSearch users, AuditWriter audit)
    : IRateLimitAdministration
{
    public async Task<RateLimitSnapshot> SettingsAsync(Principal principal, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
        return await store.GetAsync(cancellationToken);
    }

    /// <summary>A missing value keeps the one in force.</summary>
    public async Task<RateLimitSnapshot> SaveDefaultsAsync(Principal principal, bool? enabled, int? capacity, int? fillRate, CancellationToken cancellationToken)
    {
        var current = await SettingsAsync(principal, cancellationToken);
        var bucket = RateLimitBucket.From(capacity, fillRate, current.Default);
        var saved = await store.SaveDefaultsAsync(enabled ?? current.Enabled, bucket, cancellationToken);
        await audit.CommitAsync(AuditAction.RateLimitSettingsChanged, AuditSubject.Global, ToRest(current), ToRest(saved), cancellationToken);
        return saved;
    }

    /// <summary>The users with settings of their own, by slug.</summary>
    public async Task<IReadOnlyList<(UserEntity User, UserRateLimit Settings)>> UsersAsync(Principal principal, CancellationToken cancellationToken)
    {
        var overrides = (await SettingsAsync(principal, cancellationToken)).Users;
        var withOverrides = await users.ByIdsAsync(principal, overrides.Keys.ToList(), cancellationToken);
        return withOverrides.Select(u => (u, overrides[u.Id])).ToList();
    }

    public async Task<(UserEntity User, UserRateLimit Settings)> UserAsync(Principal principal, string userSlug, CancellationToken cancellationToken)
    {
        var snapshot = await SettingsAsync(principal, cancellationToken);
        var user = await users.GetAsync(principal, userSlug, cancellationToken);
        return snapshot.Users.TryGetValue(user.Id, out var settings)
            ? (user, settings)
            : throw new GitHostException(FailureKind.NotFound, $"User {user.Slug} has no rate limit settings of their own.",
                exceptionName: BitbucketExceptionNames.NoSuchEntity);
    }

    /// <summary>Exempt (<paramref name="whitelisted"/>), or a bucket of the user's own when <paramref name="hasBucket"/>.</summary>
    public async Task<(UserEntity User, UserRateLimit Settings)> SaveUserAsync(
        Principal principal, string userSlug, bool whitelisted, bool hasBucket, int? capacity, int? fillRate, CancellationToken cancellationToken)
    {
        var defaults = (await SettingsAsync(principal, cancellationToken)).Default;
        var user = await users.GetAsync(principal, userSlug, cancellationToken);
        if (!whitelisted && !hasBucket)
        {
            throw GitHostException.Invalid("Give settings {capacity, fillRate}, or whitelisted: true to exempt the user.", "settings");
        }

        var value = new UserRateLimit(whitelisted, hasBucket ? RateLimitBucket.From(capacity, fillRate, defaults) : null);
        await store.SaveUserAsync(user.Id, value, cancellationToken);
        await audit.CommitAsync(AuditAction.UserRateLimitChanged, AuditSubject.User(user.Id, user.UserName), null, new { value.Whitelisted, value.Settings }, cancellationToken);
        return (user, value);
    }

    public async Task RemoveUserAsync(Principal principal, string userSlug, CancellationToken cancellationToken)
    {
        await SettingsAsync(principal, cancellationToken);
        var user = await users.GetAsync(principal, userSlug, cancellationToken);
        await store.SaveUserAsync(user.Id, null, cancellationToken);
        await audit.CommitAsync(AuditAction.UserRateLimitRemoved, AuditSubject.User(user.Id, user.UserName), null, null, cancellationToken);
    }

    public static RestRateLimitSettings ToRest(RateLimitSnapshot settings) =>
        new(settings.Enabled, new RestTokenBucketSettings(settings.Default.Capacity, settings.Default.FillRate));

    async Task<RateLimitOverview> IRateLimitAdministration.GetAsync(Principal principal, CancellationToken cancellationToken)
    {
        var snapshot = await SettingsAsync(principal, cancellationToken);
        var overridden = await UsersAsync(principal, cancellationToken);
        return new RateLimitOverview(snapshot.Enabled, snapshot.Default.Capacity, snapshot.Default.FillRate,
            overridden.Select(u => new UserRateLimitRow(u.User.Slug, u.User.DisplayName, u.Settings.Whitelisted, u.Settings.Settings?.Capacity, u.Settings.Settings?.FillRate)).ToList());
    }

    Task IRateLimitAdministration.SaveDefaultsAsync(Principal principal, bool enabled, int? capacity, int? fillRate, CancellationToken cancellationToken) =>
        SaveDefaultsAsync(principal, enabled, capacity, fillRate, cancellationToken);

    Task IRateLimitAdministration.SaveUserAsync(Principal principal, string userSlug, bool exempt, int? capacity, int? fillRate, CancellationToken cancellationToken) =>
        SaveUserAsync(principal, userSlug, exempt, !exempt, capacity, fillRate, cancellationToken);
}
