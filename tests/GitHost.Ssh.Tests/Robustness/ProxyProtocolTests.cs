using System.Net;
using System.Text;
using GitHost.Ssh.Hosting;
using GitHost.Ssh.Tests.Support;

namespace GitHost.Ssh.Tests.Robustness;

/// <summary>The PROXY protocol v2 header a load balancer puts before the SSH bytes: read when valid, refused otherwise.</summary>
public sealed class ProxyProtocolTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly byte[] Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_IPv4_header_gives_the_clients_address_and_leaves_the_SSH_bytes_after_it()
    {
        using var stream = new MemoryStream([.. Header(0x21, 0x11, [203, 0, 113, 7, 10, 0, 0, 5, 0x15, 0xB3, 0x1F, 0x3F]), .. "SSH-2.0-x\r\n"u8]);

        var client = await ProxyProtocolHeader.ReadAsync(stream, Ct);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.7"), 5555), client);
        Assert.Equal("SSH-2.0-x\r\n", Encoding.ASCII.GetString(stream.ToArray(), (int)stream.Position, (int)(stream.Length - stream.Position)));
    }

    [Fact]
    public async Task An_IPv6_header_with_TLVs_after_the_addresses_gives_the_clients_address()
    {
        var source = IPAddress.Parse("2001:db8::42").GetAddressBytes();
        var destination = IPAddress.Parse("2001:db8::1").GetAddressBytes();
        byte[] tlv = [0x04, 0x00, 0x03, 1, 2, 3];
        using var stream = new MemoryStream(Header(0x21, 0x21, [.. source, .. destination, 0xC3, 0x50, 0x1F, 0x3F, .. tlv]));

        var client = await ProxyProtocolHeader.ReadAsync(stream, Ct);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::42"), 50000), client);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public async Task A_LOCAL_header_from_a_health_check_keeps_the_connections_own_address()
    {
        using var stream = new MemoryStream(Header(0x20, 0x00, []));

        Assert.Null(await ProxyProtocolHeader.ReadAsync(stream, Ct));
    }

    public static TheoryData<string, byte[]> Refused => new()
    {
        { "plain SSH, no header", [.. "SSH-2.0-OpenSSH_9.2\r\n"u8] },
        { "a v1 text header", [.. "PROXY TCP4 203.0.113.7 10.0.0.5 5555 22\r\n"u8] },
        { "version 1 in the binary form", Header(0x11, 0x11, new byte[12]) },
        { "an unknown command", Header(0x22, 0x11, new byte[12]) },
        { "a UNIX socket address", Header(0x21, 0x31, new byte[216]) },
        { "an IPv4 block too short", Header(0x21, 0x11, new byte[8]) },
        { "an IPv6 block too short", Header(0x21, 0x21, new byte[20]) },
        { "a body past the limit", [.. Signature, 0x21, 0x11, 0x02, 0x01, .. new byte[513]] },
        { "a length larger than what follows", [.. Signature, 0x21, 0x11, 0x00, 0x0C, 1, 2, 3] },
        { "cut inside the signature", Signature[..7] },
        { "nothing at all", [] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_malformed_header_is_refused(string what, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ProxyProtocolHeader.ReadAsync(stream, Ct));

        Assert.False(string.IsNullOrWhiteSpace(error.Message), what);
    }

    [Fact]
    public async Task The_server_logs_the_address_from_the_header_and_serves_the_connection()
    {
        await using var server = await RunningSshServer.StartAsync(Ct, o => { o.ProxyProtocol = true; o.ProxyProtocolFrom = ["127.0.0.1"]; });
        await using var client = await RawClient.ConnectAsync(server.Port, Ct);
        await client.Stream.WriteAsync(Header(0x21, 0x11, [198, 51, 100, 23, 127, 0, 0, 1, 0x30, 0x39, 0x1F, 0x3F]), Ct);

        await client.HandshakeStartedAsync(Ct);

        await WaitForLogAsync(server, "198.51.100.23:12345");
    }

    [Fact]
    public async Task Without_a_header_or_from_an_address_not_listed_the_server_closes_without_its_banner()
    {
        await using var server = await RunningSshServer.StartAsync(Ct, o => { o.ProxyProtocol = true; o.ProxyProtocolFrom = ["127.0.0.1/32"]; });
        await using (var bare = await RawClient.ConnectAsync(server.Port, Ct))
        {
            await bare.SendVersionAsync(Ct);
            Assert.DoesNotContain("SSH-2.0-GitHost", Encoding.ASCII.GetString(await bare.ReadUntilClosedAsync(Deadline, Ct)));
        }

        await using var stranger = await RawClient.ConnectFromAsync("127.0.0.2", server.Port, Ct);
        await stranger.Stream.WriteAsync(Header(0x21, 0x11, [198, 51, 100, 23, 127, 0, 0, 1, 0x30, 0x39, 0x1F, 0x3F]), Ct);
        Assert.Empty(await stranger.ReadUntilClosedAsync(Deadline, Ct));
        await WaitForLogAsync(server, "not a balancer listed");
    }

    [Fact]
    public void A_ProxyProtocolFrom_entry_that_is_no_address_fails_validation()
    {
        var options = new SshServerOptions { ProxyProtocolFrom = ["10.0.0.0/8", "192.0.2.1", "haproxy.internal"] };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal("ProxyProtocolFrom entry 'haproxy.internal' is neither an IP address nor a CIDR range.", Assert.Single(errors).ErrorMessage);
    }

    private static byte[] Header(byte versionCommand, byte family, byte[] body) =>
        [.. Signature, versionCommand, family, (byte)(body.Length >> 8), (byte)body.Length, .. body];

    private static async Task WaitForLogAsync(RunningSshServer server, string text)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!server.ServerLog.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(waited.Elapsed < Deadline, $"The server log never said '{text}':\n{server.ServerLog}");
            await Task.Delay(20, Ct);
        }
    }
}
