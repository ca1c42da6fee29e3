using System.Collections.Concurrent;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Authorization;

/// <summary>One matrix world per provider, built on first use and shared by every row.</summary>
public sealed class MatrixWorlds : IAsyncLifetime
{
    private readonly ServerPerProvider _servers = new();
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<MatrixWorld>>> _worlds = new();

    public Task<MatrixWorld> GetAsync(DatabaseProvider provider) =>
        _worlds.GetOrAdd(provider, p => new Lazy<Task<MatrixWorld>>(async () =>
            await MatrixWorld.CreateAsync(await _servers.GetAsync(p), CancellationToken.None))).Value;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _servers.DisposeAsync();
}
