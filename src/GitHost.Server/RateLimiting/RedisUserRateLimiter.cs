using System.Globalization;
using StackExchange.Redis;

namespace GitHost.Server.RateLimiting;

/// <summary>
/// The cluster's token buckets, in Redis, so a caller's limit holds whichever node answers: one script
/// refills a bucket by the time elapsed on Redis's clock (the nodes' clocks never enter) and takes a
/// token, atomically. While Redis cannot be reached each node falls back to its own buckets, which
/// lets a caller through up to once per node: a looser limit for a while, never a refused request.
/// </summary>
internal sealed partial class RedisUserRateLimiter(IConnectionMultiplexer redis, UserRateLimiter local, string prefix, ILogger<RedisUserRateLimiter> logger)
    : IUserRateLimiter
{
    // Returns {allowed (0/1), tokens left (floored), milliseconds until the next token}.
    private const string TakeToken = """
        local capacity = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(bucket[1])
        local at = tonumber(bucket[2])
        if tokens == nil or at == nil then
          tokens = capacity
          at = now
        end
        tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
        local allowed = 0
        if tokens >= 1 then
          tokens = tokens - 1
          allowed = 1
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
        local wait = 0
        if allowed == 0 then
          wait = math.ceil((1 - tokens) * 1000 / rate)
        end
        return {allowed, math.floor(tokens), wait}
        """;

    public async ValueTask<RateLimitDecision> AcquireAsync(long callerId, bool isToken, RateLimitBucket bucket)
    {
        if (!redis.IsConnected)
        {
            return local.Acquire(callerId, isToken, bucket);
        }

        // The shape is part of the key, as in the local limiter: a settings change starts a fresh, full bucket.
        var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}:rate:{(isToken ? "t" : "u")}{callerId}:{bucket.Capacity}:{bucket.FillRate}");
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(TakeToken, [key], [bucket.Capacity, bucket.FillRate]))!;
            var allowed = (long)result[0] == 1;
            var remaining = (long)result[1];
            var retryAfter = allowed ? 0 : Math.Max(1, (int)Math.Ceiling((long)result[2] / 1000.0));
            return new RateLimitDecision(allowed, remaining, retryAfter);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Log.Fallback(logger, e);
            return local.Acquire(callerId, isToken, bucket);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "The shared rate-limit buckets in Redis could not be used; this node counts on its own meanwhile")]
        public static partial void Fallback(ILogger logger, Exception exception);
    }
}
