using GitHost.Data;
using GitHost.Services.Cluster;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.Cluster;

/// <summary>The database leases that decide which node runs a one-node job: one holder, renewal, takeover, release.</summary>
public sealed class ClusterLeaseTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Lapsed = TimeSpan.FromSeconds(-1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task One_node_holds_a_lease_renews_it_and_another_takes_it_only_once_it_lapsed(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var name = "job-" + Guid.NewGuid().ToString("N");

        Assert.True(await TakeAsync(server, name, "node-a", Lease));
        Assert.False(await TakeAsync(server, name, "node-b", Lease));
        Assert.True(await TakeAsync(server, name, "node-a", Lapsed));
        Assert.Equal(1, await FenceAsync(server, name));

        Assert.True(await TakeAsync(server, name, "node-b", Lease));
        Assert.False(await TakeAsync(server, name, "node-a", Lease));
        Assert.Equal(2, await FenceAsync(server, name));
        Assert.Equal("node-b", await server.WithDatabaseAsync(db => db.ClusterLeases.Where(l => l.Name == name).Select(l => l.Owner).SingleAsync(Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Of_many_nodes_asking_at_once_for_a_new_lease_exactly_one_gets_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var name = "race-" + Guid.NewGuid().ToString("N");

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => TakeAsync(server, name, $"node-{i}", Lease), Ct)));

        Assert.Single(answers, held => held);
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.ClusterLeases.CountAsync(l => l.Name == name, Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task A_periodic_job_runs_once_per_interval_whichever_node_asks_and_a_released_lease_is_free_at_once(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var run = "run-" + Guid.NewGuid().ToString("N");
        var held = "held-" + Guid.NewGuid().ToString("N");

        Assert.True(await ClaimRunAsync(server, run, "node-a", Lapsed));
        Assert.True(await ClaimRunAsync(server, run, "node-b", Lease));
        Assert.False(await ClaimRunAsync(server, run, "node-a", Lease));
        Assert.False(await ClaimRunAsync(server, run, "node-b", Lease));

        Assert.True(await TakeAsync(server, held, "node-a", Lease));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ClusterLeases>().ReleaseAsync(held, "node-b", Ct));
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ClusterLeases>().ReleaseAsync(held, "node-a", Ct));
        }

        Assert.True(await TakeAsync(server, held, "node-b", Lease));
    }

    [Fact]
    public async Task On_a_single_node_every_job_is_its_own_and_nothing_is_written()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var jobs = server.Services.GetRequiredService<ClusterJobs>();
        var before = await server.WithDatabaseAsync(db => db.ClusterLeases.CountAsync(Ct));

        Assert.True(await jobs.HoldsAsync("single-node-job", Ct));
        Assert.True(await jobs.IsDueAsync("single-node-periodic", TimeSpan.FromHours(1), Ct));
        var ran = false;
        Assert.True(await jobs.RunAloneAsync("single-node-alone", _ => { ran = true; return Task.CompletedTask; }, Ct));

        Assert.True(ran);
        Assert.False(server.Services.GetRequiredService<ClusterNode>().IsClustered);
        Assert.Equal(before, await server.WithDatabaseAsync(db => db.ClusterLeases.CountAsync(Ct)));
    }

    private static async Task<bool> TakeAsync(GitHostTestServer server, string name, string owner, TimeSpan duration)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClusterLeases>().TryTakeAsync(name, owner, duration, Ct);
    }

    private static async Task<bool> ClaimRunAsync(GitHostTestServer server, string name, string owner, TimeSpan interval)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClusterLeases>().TryClaimRunAsync(name, owner, interval, Ct);
    }

    private static Task<long> FenceAsync(GitHostTestServer server, string name) =>
        server.WithDatabaseAsync(db => db.ClusterLeases.Where(l => l.Name == name).Select(l => l.Fence).SingleAsync(Ct));
}
