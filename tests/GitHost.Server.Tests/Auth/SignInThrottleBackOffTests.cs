using GitHost.Services.Common;
using GitHost.Services.Permissions;
using GitHost.Services.SignIn;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.Auth;

/// <summary>The throttle's arithmetic on a clock the test moves: thresholds, doubling locks, the cap, forgetting.</summary>
public sealed class SignInThrottleBackOffTests
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

    public SignInThrottleBackOffTests() =>
        _throttle = new SignInThrottle(new StaticOptions(Options), new EpochClock(_time), NullLogger<SignInThrottle>.Instance);

    [Fact]
    public void Name_is_locked_at_the_threshold_and_each_lock_in_a_row_lasts_twice_as_long_up_to_the_cap()
    {
        var locks = new List<long>();
        for (var round = 0; round < 5; round++)
        {
            Fail("alice", times: 2);
            Assert.Null(_throttle.Check("alice", null));
            Fail("alice", times: 1);
            var locked = _throttle.Check("ALICE", null)!;
            locks.Add(locked.UntilMs - Now());
            _time.Advance(TimeSpan.FromMilliseconds(locked.UntilMs - Now()));
            Assert.Null(_throttle.Check("alice", null));
        }

        Assert.Equal([60_000L, 120_000, 240_000, 300_000, 300_000], locks);
    }

    [Fact]
    public void A_right_password_ends_the_back_off_but_not_the_addresses_record()
    {
        Fail("bob", times: 3, address: "10.0.0.1");
        _time.Advance(TimeSpan.FromMinutes(2));
        _throttle.RecordSuccess("bob");
        Fail("bob", times: 3, address: "10.0.0.1");

        Assert.Equal(60_000, _throttle.Check("bob", null)!.UntilMs - Now());
        Assert.Equal(60_000, _throttle.Check("someone-else", "10.0.0.1")!.UntilMs - Now());
    }

    [Fact]
    public void Failures_spread_wider_than_the_longest_lock_are_forgotten()
    {
        for (var i = 0; i < 10; i++)
        {
            Fail("carol", times: 1);
            _time.Advance(TimeSpan.FromSeconds(301));
        }

        Assert.Null(_throttle.Check("carol", null));
    }

    [Fact]
    public void An_address_guessing_many_names_is_locked_for_every_name_and_other_addresses_are_not()
    {
        for (var i = 0; i < 5; i++)
        {
            Fail("name-" + i, times: 1, address: "192.0.2.7");
        }

        Assert.NotNull(_throttle.Check("victim", "192.0.2.7"));
        Assert.Null(_throttle.Check("victim", "192.0.2.8"));
        Assert.Null(_throttle.Check("name-0", "192.0.2.8"));
    }

    [Fact]
    public void Clearing_a_name_lifts_its_lock_at_once()
    {
        Fail("dave", times: 3);
        Assert.NotNull(_throttle.Check("dave", null));

        _throttle.Clear("Dave");

        Assert.Null(_throttle.Check("dave", null));
    }

    private void Fail(string name, int times, string? address = null)
    {
        for (var i = 0; i < times; i++)
        {
            _throttle.RecordFailure(name, address);
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class StaticOptions(SecurityOptions value) : IOptionsMonitor<SecurityOptions>
    {
        public SecurityOptions CurrentValue => value;

        public SecurityOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SecurityOptions, string?> listener) => null;
    }
}
