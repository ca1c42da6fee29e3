using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace GitHost.Services.SignIn;

/// <summary>
/// The cluster's failure records, in Redis: one script counts a failure and starts a lock atomically, with
/// the same rule as <see cref="SignInFailures"/>, so N nodes give a guesser no more attempts than one.
/// Times are the nodes' clocks (kept in step by NTP, as every node's cookies and tokens already assume).
/// While Redis cannot be reached each node counts on its own: a looser limit for a while, never a
/// refused sign-in because Redis is away.
/// </summary>
public sealed partial class RedisSignInFailureStore(IConnectionMultiplexer redis, LocalSignInFailureStore local, string prefix, ILogger<RedisSignInFailureStore> logger)
    : ISignInFailureStore
{
    // KEYS[1] the record; ARGV: now, threshold, first lock ms, max lock ms, keep ms. Returns {locked (0/1), lock end}.
    private const string CountFailure = """
        local now = tonumber(ARGV[1])
        local threshold = tonumber(ARGV[2])
        local firstLock = tonumber(ARGV[3])
        local maxLock = tonumber(ARGV[4])
        local record = redis.call('HMGET', KEYS[1], 'failures', 'locks', 'last', 'until')
        local failures = tonumber(record[1]) or 0
        local locks = tonumber(record[2]) or 0
        local last = tonumber(record[3]) or 0
        local lockedUntil = tonumber(record[4]) or 0
        if now - last > maxLock then
          failures = 0
        end
        failures = failures + 1
        local locked = 0
        if failures >= threshold then
          failures = 0
          lockedUntil = now + math.min(maxLock, firstLock * 2 ^ math.min(locks, 30))
          locks = locks + 1
          locked = 1
        end
        redis.call('HSET', KEYS[1], 'failures', failures, 'locks', locks,
          'last', string.format('%d', now), 'until', string.format('%d', lockedUntil))
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return {locked, lockedUntil}
        """;

    private static readonly string KeepMs = ((long)SignInLockRule.ForgetAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    public ValueTask<long> LockedUntilAsync(string key) => SharedOrLocalAsync(
        async db => (await db.HashGetAsync(Key(key), "until")).TryParse(out long until) ? until : 0,
        () => local.LockedUntilAsync(key));

    public ValueTask<long?> FailAsync(string key, long nowMs, SignInLockRule rule) => SharedOrLocalAsync(
        async db =>
        {
            var result = (RedisResult[])(await db.ScriptEvaluateAsync(
                CountFailure, [Key(key)], [nowMs, rule.Threshold, rule.FirstLockMs, rule.MaxLockMs, KeepMs]))!;
            return (long)result[0] == 1 ? (long)result[1] : (long?)null;
        },
        () => local.FailAsync(key, nowMs, rule));

    public async ValueTask ForgetAsync(string key)
    {
        // Both: a lock counted here while Redis was away must end too.
        await local.ForgetAsync(key);
        await SharedOrLocalAsync(async db => await db.KeyDeleteAsync(Key(key)), () => ValueTask.FromResult(false));
    }

    /// <summary>Asks Redis, or this node's records while Redis cannot be reached.</summary>
    private async ValueTask<T> SharedOrLocalAsync<T>(Func<IDatabase, Task<T>> shared, Func<ValueTask<T>> fallback)
    {
        if (!redis.IsConnected)
        {
            return await fallback();
        }

        try
        {
            return await shared(redis.GetDatabase());
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Log.Fallback(logger, e);
            return await fallback();
        }
    }

    private RedisKey Key(string key) => $"{prefix}:signin:{key}";

    private static partial class Log
    {
        [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "The shared sign-in failure records in Redis could not be used; this node counts on its own meanwhile")]
        public static partial void Fallback(ILogger logger, Exception exception);
    }
}
