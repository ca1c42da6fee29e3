using System.Text;
using GitHost.Ssh.Tests.Support;
using Renci.SshNet;

namespace GitHost.Ssh.Tests.Robustness;

/// <summary>
/// Connections that never authenticate (half-open clients): one address cannot take every slot,
/// the total is capped, and authenticated connections stop counting.
/// </summary>
public sealed class StartupLimitTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Half_open_connections_from_one_address_do_not_lock_out_other_clients()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct, o => { o.MaxStartupsPerSource = 3; o.HandshakeTimeoutSeconds = 120; });
        var key = await server.RegisteredKeyAsync("ed25519", "neighbour", ct);
        var hostile = new List<RawClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var client = await RawClient.ConnectFromAsync("127.0.0.2", server.Port, ct);
                hostile.Add(client);
                await client.HandshakeStartedAsync(ct);
            }

            await using (var refused = await RawClient.ConnectFromAsync("127.0.0.2", server.Port, ct))
            {
                Assert.Empty(await refused.ReadUntilClosedAsync(Deadline, ct));
            }

            var result = await server.SshAsync(key, [], "echo-args got in", ct);
            Assert.True(result.ExitCode == 0, result.Stderr + server.ServerLog);
            Assert.Equal("neighbour:got in\n", result.StdoutText);
            await using var third = await RawClient.ConnectFromAsync("127.0.0.3", server.Port, ct);
            await third.HandshakeStartedAsync(ct);
            Assert.Equal(4, server.Server.UnauthenticatedConnections);
            Assert.Contains("refused before the handshake: 3 unauthenticated connections from this address", server.ServerLog);
        }
        finally
        {
            foreach (var client in hostile)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_total_of_unauthenticated_connections_is_capped_and_authenticated_ones_do_not_count()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct, o =>
        {
            o.MaxStartups = 3;
            o.StartupsRandomDropFrom = 3;
            o.MaxStartupsPerSource = 0;
            o.HandshakeTimeoutSeconds = 120;
        });
        var keyPath = await server.RegisteredKeyAsync("ed25519", "holder", ct);
        var halfOpen = new List<RawClient>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var client = await RawClient.ConnectAsync(server.Port, ct);
                halfOpen.Add(client);
                await client.HandshakeStartedAsync(ct);
            }

            using var key = new PrivateKeyFile(keyPath);
            using var authenticated = new SshClient(new ConnectionInfo("127.0.0.1", server.Port, "git", new PrivateKeyAuthenticationMethod("git", key)));
            await authenticated.ConnectAsync(ct);
            var last = await RawClient.ConnectAsync(server.Port, ct);
            halfOpen.Add(last);
            await last.HandshakeStartedAsync(ct);

            await using (var refused = await RawClient.ConnectAsync(server.Port, ct))
            {
                Assert.Empty(await refused.ReadUntilClosedAsync(Deadline, ct));
            }

            using var echo = authenticated.RunCommand("echo-args still served");
            Assert.Equal("holder:still served\n", echo.Result);
            Assert.Equal(3, server.Server.UnauthenticatedConnections);
            Assert.Equal(4, server.Server.ActiveConnections);
        }
        finally
        {
            foreach (var client in halfOpen)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_half_open_connection_still_ends_at_the_handshake_timeout_and_frees_its_slot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct, o => { o.MaxStartupsPerSource = 1; o.HandshakeTimeoutSeconds = 1; });
        await using (var first = await RawClient.ConnectFromAsync("127.0.0.2", server.Port, ct))
        {
            await first.HandshakeStartedAsync(ct);
            Assert.Contains("handshake timeout", Encoding.ASCII.GetString(await first.ReadUntilClosedAsync(Deadline, ct)));
        }

        // The server closed the first one itself; its slot is free once the connection task ends, which the retry loop below waits for.
        var admitted = false;
        for (var attempt = 0; attempt < 50 && !admitted; attempt++)
        {
            await using var again = await RawClient.ConnectFromAsync("127.0.0.2", server.Port, ct);
            await again.SendVersionAsync(ct);
            admitted = (await again.ReadUntilClosedAsync(Deadline, ct)).Length > 0;
        }

        Assert.True(admitted, server.ServerLog);
    }
}
