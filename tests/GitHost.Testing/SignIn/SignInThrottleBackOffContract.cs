using GitHost.Services.Common;
using GitHost.Services.Permissions;
using GitHost.Services.SignIn;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Testing.SignIn;

/// <summary>
/// The throttle's arithmetic on a clock the test moves: thresholds, doubling locks, the cap, forgetting.
/// Every failure store must pass it: the one in memory and the one in Redis.
/// </summary>
public abstract class SignInThrottleBackOffContract
{
    private static readonly SecurityOptions Options = new()
    {
        MaxFailedAccessAttempts = 3,
        MaxFailedSignInsPerAddress = 5,
        LockoutSeconds = 60,
        MaxLockoutSeconds = 300,
    };

    private readonly ManualClock _time = new();
    private readonly SignInThrottle _throttle;

    protected SignInThrottleBackOffContract(ISignInFailureStore store) =>
        _throttle = new SignInThrottle(store, new StaticOptions(Options), new EpochClock(_time), NullLogger<SignInThrottle>.Instance);

    [Fact]
    public async Task Name_is_locked_at_the_threshold_and_each_lock_in_a_row_lasts_twice_as_long_up_to_the_cap()
    {
        var locks = new List<long>();
        for (var round = 0; round < 5; round++)
        {
            await FailAsync("alice", times: 2);
            Assert.Null(await _throttle.CheckAsync("alice", null));
            await FailAsync("alice", times: 1);
            var locked = (await _throttle.CheckAsync("ALICE", null))!;
            locks.Add(locked.UntilMs - Now());
            _time.Advance(TimeSpan.FromMilliseconds(locked.UntilMs - Now()));
            Assert.Null(await _throttle.CheckAsync("alice", null));
        }

        Assert.Equal([60_000L, 120_000, 240_000, 300_000, 300_000], locks);
    }

    [Fact]
    public async Task A_right_password_ends_the_back_off_but_not_the_addresses_record()
    {
        await FailAsync("bob", times: 3, address: "10.0.0.1");
        _time.Advance(TimeSpan.FromMinutes(2));
        await _throttle.RecordSuccessAsync("bob");
        await FailAsync("bob", times: 3, address: "10.0.0.1");

        Assert.Equal(60_000, (await _throttle.CheckAsync("bob", null))!.UntilMs - Now());
        Assert.Equal(60_000, (await _throttle.CheckAsync("someone-else", "10.0.0.1"))!.UntilMs - Now());
    }

    [Fact]
    public async Task Failures_spread_wider_than_the_longest_lock_are_forgotten()
    {
        for (var i = 0; i < 10; i++)
        {
            await FailAsync("carol", times: 1);
            _time.Advance(TimeSpan.FromSeconds(301));
        }

        Assert.Null(await _throttle.CheckAsync("carol", null));
    }

    [Fact]
    public async Task An_address_guessing_many_names_is_locked_for_every_name_and_other_addresses_are_not()
    {
        for (var i = 0; i < 5; i++)
        {
            await FailAsync("name-" + i, times: 1, address: "192.0.2.7");
        }

        Assert.NotNull(await _throttle.CheckAsync("victim", "192.0.2.7"));
        Assert.Null(await _throttle.CheckAsync("victim", "192.0.2.8"));
        Assert.Null(await _throttle.CheckAsync("name-0", "192.0.2.8"));
    }

    [Fact]
    public async Task Clearing_a_name_lifts_its_lock_at_once()
    {
        await FailAsync("dave", times: 3);
        Assert.NotNull(await _throttle.CheckAsync("dave", null));

        await _throttle.ClearAsync("Dave");

        Assert.Null(await _throttle.CheckAsync("dave", null));
    }

    private async Task FailAsync(string name, int times, string? address = null)
    {
        for (var i = 0; i < times; i++)
        {
            await _throttle.RecordFailureAsync(name, address);
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();


    private sealed class StaticOptions(SecurityOptions value) : IOptionsMonitor<SecurityOptions>
    {
        public SecurityOptions CurrentValue => value;

        public SecurityOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SecurityOptions, string?> listener) => null;
    }
}
