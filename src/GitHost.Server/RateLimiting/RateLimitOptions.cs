using System.ComponentModel.DataAnnotations;

namespace GitHost.Server.RateLimiting;

/// <summary>
/// <c>GitHost:RateLimit</c>: the starting point for Bitbucket's per-user token bucket. Off by
/// default, as in Bitbucket. Once an administrator saves settings through
/// <c>/rest/api/1.0/admin/rate-limit/settings</c> the saved values win over these.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "GitHost:RateLimit";

    public bool Enabled { get; set; }

    /// <summary>The bucket size: how many requests a user may burst before being limited.</summary>
    [Range(1, RateLimitBucket.MaxValue)]
    public int Capacity { get; set; } = 60;

    /// <summary>Tokens added to each user's bucket per second.</summary>
    [Range(1, RateLimitBucket.MaxValue)]
    public int FillRate { get; set; } = 5;
}
