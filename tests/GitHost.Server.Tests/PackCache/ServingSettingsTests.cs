using GitHost.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.PackCache;

/// <summary>Admission and pack cache settings out of range stop the server at start, naming the setting, rather than serving clones with a nonsense limit.</summary>
public sealed class ServingSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Admission:MaxConcurrentPackGenerations", "-1")]
    [InlineData("Admission:MaxQueued", "100001")]
    [InlineData("Admission:QueueTimeoutSeconds", "-5")]
    [InlineData("Admission:RetryAfterSeconds", "0")]
    [InlineData("PackCache:MaxBytes", "1000")]
    [InlineData("PackCache:MaxAgeSeconds", "0")]
    [InlineData("PackCache:MaxRequestBytes", "16777217")]
    [InlineData("PackCache:SweepIntervalSeconds", "0")]
    public async Task Out_of_range_setting_stops_the_server_at_startup(string setting, string value)
    {
        var failure = Assert.IsType<OptionsValidationException>(
            await GitHostTestServer.StartupFailureAsync(new Dictionary<string, string?> { ["GitHost:Git:" + setting] = value }, Ct));

        Assert.Contains(setting[(setting.IndexOf(':') + 1)..], failure.Message);
    }

    [Theory]
    [InlineData("Admission:MaxQueued", "many")]
    [InlineData("PackCache:Enabled", "perhaps")]
    public async Task Setting_that_is_not_a_value_of_its_kind_stops_the_server_at_startup(string setting, string value)
    {
        var failure = Assert.IsAssignableFrom<InvalidOperationException>(
            await GitHostTestServer.StartupFailureAsync(new Dictionary<string, string?> { ["GitHost:Git:" + setting] = value }, Ct));

        Assert.Contains(setting[(setting.IndexOf(':') + 1)..], failure.Message);
    }
}
