using GitHost.Core.Security;

namespace GitHost.Web.Admin;

/// <summary>The rate limits in force: the instance's bucket and the users with settings of their own.</summary>
public sealed record RateLimitOverview(bool Enabled, int Capacity, int FillRate, IReadOnlyList<UserRateLimitRow> Users);

/// <summary>One user's override: exempt, or a bucket of their own.</summary>
public sealed record UserRateLimitRow(string Slug, string DisplayName, bool Exempt, int? Capacity, int? FillRate);

/// <summary>
/// Rate limiting as the REST API administers it (<c>/admin/rate-limit/settings</c>): the same checks (ADMIN),
/// validation and audit, implemented by the host, which owns the limiter.
/// </summary>
public interface IRateLimitAdministration
{
    Task<RateLimitOverview> GetAsync(Principal principal, CancellationToken cancellationToken);

    Task SaveDefaultsAsync(Principal principal, bool enabled, int? capacity, int? fillRate, CancellationToken cancellationToken);

    /// <summary>Exempts the user, or gives them a bucket (a missing value taken from the instance's).</summary>
    Task SaveUserAsync(Principal principal, string userSlug, bool exempt, int? capacity, int? fillRate, CancellationToken cancellationToken);

    Task RemoveUserAsync(Principal principal, string userSlug, CancellationToken cancellationToken);
}
