using System.Security.Cryptography;
using System.Text;
using GitHost.Ssh.Protocol;
using GitHost.Ssh.Tests.Support;

namespace GitHost.Ssh.Tests.Robustness;

/// <summary>Clients that stall, flood or break the protocol: each is closed, and the server keeps serving.</summary>
public sealed class HostileClientTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Client_that_stops_after_its_version_line_is_closed_by_the_handshake_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct, o => o.HandshakeTimeoutSeconds = 1);
        await using var client = await RawClient.ConnectAsync(server.Port, ct);
        await client.SendVersionAsync(ct);

        var received = await client.ReadUntilClosedAsync(Deadline, ct);

        Assert.StartsWith("SSH-2.0-GitHost", Encoding.ASCII.GetString(received));
        Assert.Contains("handshake timeout", Encoding.ASCII.GetString(received));
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0xA9 })]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x1B })]
    public async Task Version_line_with_a_byte_outside_printable_ascii_is_refused_at_once(byte[] bad)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct, o => o.HandshakeTimeoutSeconds = 120);
        await using var client = await RawClient.ConnectAsync(server.Port, ct);
        byte[] line = [.. "SSH-2.0-Bad"u8, .. bad, .. "\r\n"u8];
        await client.Stream.WriteAsync(line, ct);

        // Closed long before the handshake timeout: the line itself is refused, without a key exchange.
        var received = Encoding.ASCII.GetString(await client.ReadUntilClosedAsync(Deadline, ct));

        Assert.StartsWith("SSH-2.0-GitHost", received);
        Assert.DoesNotContain("curve25519", received);
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_closed_at_once_and_a_real_client_gets_in_afterwards()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct, o => { o.MaxConnections = 3; o.HandshakeTimeoutSeconds = 2; });
        var key = await server.RegisteredKeyAsync("ed25519", "patient", ct);
        var halfOpen = new List<RawClient>();
        for (var i = 0; i < 3; i++)
        {
            var client = await RawClient.ConnectAsync(server.Port, ct);
            await client.SendVersionAsync(ct);
            var banner = new byte[8];
            await client.Stream.ReadExactlyAsync(banner, ct);
            halfOpen.Add(client);
        }

        for (var i = 0; i < 5; i++)
        {
            await using var refused = await RawClient.ConnectAsync(server.Port, ct);
            Assert.Empty(await refused.ReadUntilClosedAsync(Deadline, ct));
        }

        foreach (var client in halfOpen)
        {
            await client.ReadUntilClosedAsync(Deadline, ct);
            await client.DisposeAsync();
        }

        var result = await server.SshAsync(key, [], "echo-args still here", ct);
        Assert.True(result.ExitCode == 0, result.Stderr + server.ServerLog);
        Assert.Equal("patient:still here\n", result.StdoutText);
    }

    [Fact]
    public async Task Random_bytes_after_the_version_close_the_connection_and_the_server_keeps_serving()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct);
        var key = await server.RegisteredKeyAsync("ed25519", "survivor", ct);
        var random = new Random(7999);
        for (var i = 0; i < 20; i++)
        {
            await using var client = await RawClient.ConnectAsync(server.Port, ct);
            await client.SendVersionAsync(ct);
            var noise = new byte[random.Next(1, 600)];
            random.NextBytes(noise);
            try
            {
                await client.Stream.WriteAsync(noise, ct);
            }
            catch (IOException)
            {
                // The server may already have closed.
            }

            var received = await client.ReadUntilClosedAsync(Deadline, ct);
            Assert.StartsWith("SSH-2.0-GitHost", Encoding.ASCII.GetString(received));
        }

        var result = await server.SshAsync(key, [], "echo-args fine", ct);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("\nError ", "\n" + server.ServerLog);
    }

    [Fact]
    public async Task Strict_kex_client_sending_a_packet_before_kexinit_is_disconnected()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct);
        await using var client = await RawClient.ConnectAsync(server.Port, ct);
        await client.SendVersionAsync(ct);
        await client.SendPacketAsync(new SshWriter(SshMessage.Ignore).WriteBinary(RandomNumberGenerator.GetBytes(8)).ToArray(), ct);
        await client.SendPacketAsync(RawClient.ClientKexInit(strict: true), ct);

        var received = Encoding.ASCII.GetString(await client.ReadUntilClosedAsync(Deadline, ct));

        Assert.Contains("kex-strict-s-v00@openssh.com", received);
        Assert.Contains("KEXINIT was not the first packet", received);
    }

    [Fact]
    public async Task Strict_kex_client_sending_ignore_during_the_exchange_is_disconnected()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct);
        await using var client = await RawClient.ConnectAsync(server.Port, ct);
        await client.SendVersionAsync(ct);
        await client.SendPacketAsync(RawClient.ClientKexInit(strict: true), ct);
        await client.SendPacketAsync(new SshWriter(SshMessage.Ignore).WriteBinary([]).ToArray(), ct);

        var received = Encoding.ASCII.GetString(await client.ReadUntilClosedAsync(Deadline, ct));

        Assert.Contains("Unexpected message 2 during key exchange", received);
    }

    [Fact]
    public async Task Overlong_version_line_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct);
        await using var client = await RawClient.ConnectAsync(server.Port, ct);
        await client.Stream.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-" + new string('x', 400) + "\r\n"), ct);

        var received = await client.ReadUntilClosedAsync(Deadline, ct);

        Assert.Equal(VersionLine, Encoding.ASCII.GetString(received));
    }

    private const string VersionLine = "SSH-2.0-GitHost_1.0\r\n";
}
