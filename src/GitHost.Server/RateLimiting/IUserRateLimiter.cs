namespace GitHost.Server.RateLimiting;

/// <summary>Token buckets per caller: this node's own (<see cref="UserRateLimiter"/>), or one set shared by a cluster's nodes (<see cref="RedisUserRateLimiter"/>).</summary>
internal interface IUserRateLimiter
{
    /// <summary>Takes one token for the caller; <see cref="RateLimitDecision.Allowed"/> is false when the bucket is empty.</summary>
    ValueTask<RateLimitDecision> AcquireAsync(long callerId, bool isToken, RateLimitBucket bucket);
}
