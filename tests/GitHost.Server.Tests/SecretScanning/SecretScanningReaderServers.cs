using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.SecretScanning;

/// <summary>
/// Two servers that differ only in how a push is read for secret scanning: <see cref="Git"/> always
/// runs <c>git log -p</c> (InProcessMaxBytes 0), <see cref="InProcess"/> reads small pushes through
/// libgit2. SQLite only: the reader does not touch the database.
/// </summary>
public sealed class SecretScanningReaderServers : IAsyncLifetime
{
    public GitHostTestServer Git { get; private set; } = null!;

    public GitHostTestServer InProcess { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Git = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, CancellationToken.None,
            new Dictionary<string, string?> { ["GitHost:SecretScanning:InProcessMaxBytes"] = "0" });
        InProcess = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (Git is not null)
        {
            await Git.DisposeAsync();
        }

        if (InProcess is not null)
        {
            await InProcess.DisposeAsync();
        }
    }
}
