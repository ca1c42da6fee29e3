using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>A server for runner tests: short leases, so a runner pulled out of the wall is noticed in seconds.</summary>
public sealed class RunnerServer : IAsyncLifetime
{
    /// <summary>Small, so a test can go past it.</summary>
    public const long ArtifactLimit = 1024 * 1024;

    private GitHostTestServer? _server;

    public GitHostTestServer Server => _server ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() =>
        _server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, TestContext.Current.CancellationToken, new Dictionary<string, string?>
        {
            ["GitHost:Pipelines:LeaseDuration"] = "00:00:03",
            ["GitHost:Pipelines:PollWait"] = "00:00:05",
            ["GitHost:Pipelines:MaxArtifactBytesPerStep"] = ArtifactLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
