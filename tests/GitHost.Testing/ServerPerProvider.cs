using System.Collections.Concurrent;
using GitHost.Data;
using Xunit;

namespace GitHost.Testing;

/// <summary>
/// A class fixture holding one server per database provider, started on first use, so a test
/// class's theories over providers share their servers.
/// </summary>
public class ServerPerProvider : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<GitHostTestServer>>> _servers = new();
    private readonly IDictionary<string, string?>? _settings;

    public ServerPerProvider()
    {
    }

    /// <param name="settings">configuration every server of this fixture starts with.</param>
    protected ServerPerProvider(IDictionary<string, string?> settings) => _settings = settings;

    public Task<GitHostTestServer> GetAsync(DatabaseProvider provider) =>
        _servers.GetOrAdd(provider, p => new Lazy<Task<GitHostTestServer>>(
            () => GitHostTestServer.StartAsync(p, CancellationToken.None, _settings))).Value;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated))
        {
            try
            {
                await (await server.Value).DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // The server never started; its test already failed with the reason.
            }
        }
    }
}
