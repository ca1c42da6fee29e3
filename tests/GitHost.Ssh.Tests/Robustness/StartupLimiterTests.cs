using System.Net;
using GitHost.Ssh.Hosting;

namespace GitHost.Ssh.Tests.Robustness;

/// <summary>The admission rule itself, with the random draw under the test's control.</summary>
public sealed class StartupLimiterTests
{
    private static readonly IPAddress Source = IPAddress.Parse("192.0.2.1");

    [Theory]
    [InlineData(10, 0.29, false)]   // at "start" the drop rate is 30 %
    [InlineData(10, 0.31, true)]
    [InlineData(55, 0.64, false)]   // half way: 30 + 70 * 45 / 90 = 65 %
    [InlineData(55, 0.66, true)]
    [InlineData(99, 0.99, false)]   // just below "full": 99.2 %
    public void Random_early_drop_rises_linearly_from_start_to_full(int alreadyOpen, double draw, bool admitted)
    {
        var options = new SshServerOptions { StartupsRandomDropFrom = 10, StartupsRandomDropPercent = 30, MaxStartups = 100, MaxStartupsPerSource = 0 };
        var next = 0.9999; // fill up to alreadyOpen without drops
        var limiter = new StartupLimiter(options, () => next);
        for (var i = 0; i < alreadyOpen; i++)
        {
            Assert.NotNull(limiter.TryAdmit(IPAddress.Parse($"198.51.100.{i % 250}"), out _));
        }

        next = draw;
        var slot = limiter.TryAdmit(Source, out var refusal);

        Assert.Equal(admitted, slot is not null);
        Assert.Equal(admitted, refusal is null);
    }

    [Fact]
    public void At_full_every_connection_is_refused_whatever_the_draw()
    {
        var limiter = new StartupLimiter(new SshServerOptions { StartupsRandomDropFrom = 2, MaxStartups = 2, MaxStartupsPerSource = 0 }, () => 0.999);
        using var a = limiter.TryAdmit(Source, out _);
        using var b = limiter.TryAdmit(Source, out _);

        Assert.Null(limiter.TryAdmit(IPAddress.Parse("192.0.2.2"), out var refusal));
        Assert.Equal("2 unauthenticated connections", refusal);
    }

    [Fact]
    public void Released_slots_count_once_and_free_the_source()
    {
        var limiter = new StartupLimiter(new SshServerOptions { MaxStartupsPerSource = 1 }, () => 0.5);
        var slot = limiter.TryAdmit(Source, out _);
        Assert.Null(limiter.TryAdmit(Source, out _));

        slot!.Release();
        slot.Dispose();

        Assert.Equal(0, limiter.Unauthenticated);
        Assert.NotNull(limiter.TryAdmit(Source, out _));
        Assert.Equal(1, limiter.Unauthenticated);
    }

    [Fact]
    public void An_ipv4_mapped_address_counts_as_its_ipv4_address()
    {
        var limiter = new StartupLimiter(new SshServerOptions { MaxStartupsPerSource = 1 }, () => 0.5);
        using var slot = limiter.TryAdmit(Source, out _);

        Assert.Null(limiter.TryAdmit(Source.MapToIPv6(), out var refusal));
        Assert.Equal("1 unauthenticated connections from this address", refusal);
    }

    [Fact]
    public void Random_drop_start_above_full_is_a_configuration_error()
    {
        var options = new SshServerOptions { StartupsRandomDropFrom = 300, MaxStartups = 200 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.ErrorMessage!.Contains("must not exceed MaxStartups"));
    }
}
