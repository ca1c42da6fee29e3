using System.Collections.Frozen;

namespace GitHost.Server.RateLimiting;

/// <summary>The rate-limit settings in force, replaced whole when an administrator changes them.</summary>
internal sealed record RateLimitSnapshot(bool Enabled, RateLimitBucket Default, FrozenDictionary<long, UserRateLimit> Users)
{
    /// <summary>The bucket for a user, or null when the user is exempt.</summary>
    public RateLimitBucket? BucketFor(long? userId)
    {
        if (userId is { } id && Users.TryGetValue(id, out var user))
        {
            return user.Whitelisted ? null : user.Settings ?? Default;
        }

        return Default;
    }
}
