using System.Threading.RateLimiting;

namespace GitHost.Server.RateLimiting;

/// <summary>
/// One token bucket per caller and bucket shape. The shape is part of the partition key, so a
/// settings change takes effect on the next request (a fresh, full bucket) and the old buckets
/// are dropped by the partitioned limiter once idle.
/// </summary>
/// <remarks>
/// The partitioned limiter refills its token buckets from one timer (every 100 ms) by elapsed time,
/// so a fill rate of 5 means 5 tokens per second spread evenly, not a burst once a second.
/// </remarks>
internal sealed class UserRateLimiter : IUserRateLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<BucketKey> _limiter = PartitionedRateLimiter.Create<BucketKey, BucketKey>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, k => new TokenBucketRateLimiterOptions
        {
            TokenLimit = k.Bucket.Capacity,
            TokensPerPeriod = k.Bucket.FillRate,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        }));

    public ValueTask<RateLimitDecision> AcquireAsync(long callerId, bool isToken, RateLimitBucket bucket) =>
        ValueTask.FromResult(Acquire(callerId, isToken, bucket));

    /// <summary>Takes one token for the caller; <see cref="RateLimitDecision.Allowed"/> is false when the bucket is empty.</summary>
    public RateLimitDecision Acquire(long callerId, bool isToken, RateLimitBucket bucket)
    {
        var key = new BucketKey(callerId, isToken, bucket);
        using var lease = _limiter.AttemptAcquire(key);
        var remaining = _limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0;
        if (lease.IsAcquired)
        {
            return new RateLimitDecision(true, remaining, 0);
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1.0 / bucket.FillRate);
        return new RateLimitDecision(false, remaining, Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)));
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>A user id, or a project/repository token's id when the token has no user.</summary>
    private readonly record struct BucketKey(long CallerId, bool IsToken, RateLimitBucket Bucket);
}

/// <summary>The answer for one request; <see cref="RetryAfterSeconds"/> is set when refused.</summary>
internal readonly record struct RateLimitDecision(bool Allowed, long Remaining, int RetryAfterSeconds);
