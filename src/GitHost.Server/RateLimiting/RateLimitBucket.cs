using GitHost.Core.Failures;

namespace GitHost.Server.RateLimiting;

/// <summary>One token bucket's shape: <see cref="Capacity"/> tokens, refilled at <see cref="FillRate"/> per second.</summary>
internal readonly record struct RateLimitBucket(int Capacity, int FillRate)
{
    public const int MaxValue = 1_000_000;

    /// <summary>Validates values from a REST body; a missing value keeps <paramref name="current"/>'s.</summary>
    public static RateLimitBucket From(int? capacity, int? fillRate, RateLimitBucket current)
    {
        var bucket = new RateLimitBucket(capacity ?? current.Capacity, fillRate ?? current.FillRate);
        if (bucket.Capacity is < 1 or > MaxValue)
        {
            throw GitHostException.Invalid($"capacity must be between 1 and {MaxValue}.", "capacity");
        }

        if (bucket.FillRate is < 1 or > MaxValue)
        {
            throw GitHostException.Invalid($"fillRate must be between 1 and {MaxValue}.", "fillRate");
        }

        return bucket;
    }
}
