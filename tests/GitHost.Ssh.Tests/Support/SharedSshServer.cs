namespace GitHost.Ssh.Tests.Support;

/// <summary>One server shared by a test class (default options).</summary>
public sealed class SharedSshServer : IAsyncLifetime
{
    private RunningSshServer? _server;

    public RunningSshServer Server => _server!;

    public async ValueTask InitializeAsync() => _server = await RunningSshServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
