using GitHost.Services.SignIn;
using GitHost.Testing.SignIn;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace GitHost.Cluster.Tests;

/// <summary>The back-off rules with failures counted by the Redis script every node of a cluster uses.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SignInThrottleInRedisTests : SignInThrottleBackOffContract
{
    private readonly LocalCluster _cluster;
    private readonly string _prefix;

    public SignInThrottleInRedisTests(LocalCluster cluster)
        : this(cluster, "contract-" + Guid.NewGuid().ToString("N"))
    {
    }

    private SignInThrottleInRedisTests(LocalCluster cluster, string prefix)
        : base(Store(cluster, prefix))
    {
        _cluster = cluster;
        _prefix = prefix;
    }

    [Fact]
    public async Task The_records_are_kept_in_Redis_not_in_the_fallback()
    {
        var store = Store(_cluster, _prefix);

        var lockedUntil = await store.FailAsync("name:PROBE", 1_000, new SignInLockRule(1, 60_000, 300_000));

        Assert.Equal(61_000, lockedUntil);
        Assert.Equal("61000", (string?)await _cluster.Redis.GetDatabase().HashGetAsync($"{_prefix}:signin:name:PROBE", "until"));
        Assert.True(await _cluster.Redis.GetDatabase().KeyTimeToLiveAsync($"{_prefix}:signin:name:PROBE") > TimeSpan.FromHours(23));
    }

    private static RedisSignInFailureStore Store(LocalCluster cluster, string prefix) =>
        new(cluster.Redis, new LocalSignInFailureStore(), prefix, NullLogger<RedisSignInFailureStore>.Instance);
}
