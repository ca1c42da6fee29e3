using System.Buffers.Binary;
using GitHost.Ssh.Auth;
using GitHost.Ssh.Connection;
using GitHost.Ssh.Protocol;
using GitHost.Ssh.Tests.Support;
using GitHost.Ssh.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitHost.Ssh.Tests.Robustness;

/// <summary>Random and truncated input to the packet reader and every message parser: only <see cref="SshProtocolException"/> (or a clean end of stream) may come out.</summary>
public sealed class ParserFuzzTests
{
    private const int Rounds = 3_000;

    [Fact]
    public async Task Packet_reader_throws_only_protocol_errors_on_random_bytes()
    {
        var random = new Random(4253);
        for (var i = 0; i < Rounds; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length >= 4)
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)random.Next(0, 80));
            }

            var packets = new SshPacketStream(new MemoryStream(bytes), 256 * 1024);
            var exception = await Record.ExceptionAsync(async () => await packets.ReadAsync(TestContext.Current.CancellationToken));
            Assert.True(exception is null or SshProtocolException or SshConnectionClosedException, exception?.ToString());
        }
    }

    [Fact]
    public async Task Oversized_packet_length_is_refused_before_the_body_is_read_or_allocated()
    {
        // The first exception thrown in a process loads its resources and stack-trace metadata; measure the second.
        await Record.ExceptionAsync(async () => await new SshPacketStream(new MemoryStream([0x7f, 0xff, 0xff, 0xf8]), 256 * 1024).ReadAsync(TestContext.Current.CancellationToken));
        var stream = new MemoryStream([0x7f, 0xff, 0xff, 0xf8]);
        var packets = new SshPacketStream(stream, 256 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var exception = await Assert.ThrowsAsync<SshProtocolException>(async () => await packets.ReadAsync(TestContext.Current.CancellationToken));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024, "a 2 GiB length must not be allocated");
        Assert.Equal(4, stream.Position);
        Assert.Contains("Bad packet length", exception.Message);
        Assert.Equal(SshDisconnectReason.ProtocolError, exception.Reason);
    }

    [Fact]
    public void Kexinit_and_key_parsers_throw_only_protocol_errors()
    {
        var random = new Random(4252);
        var valid = KexInit.BuildServer(["ssh-ed25519"]);
        for (var i = 0; i < Rounds; i++)
        {
            var bytes = Mutate(random, valid);
            var exception = Record.Exception(() => KexInit.Parse(bytes));
            Assert.True(exception is null or SshProtocolException, exception?.ToString());
            Assert.Null(Record.Exception(() => SshPublicKey.TryFromBlob(bytes, out _)));
        }
    }

    [Fact]
    public async Task Auth_and_connection_handlers_throw_only_protocol_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        var random = new Random(4254);
        var transport = new SshTransport(new SshPacketStream(new MemoryStream(), 256 * 1024)) { SessionId = new byte[32] };
        var auth = new UserAuthentication(transport, new TestAuthenticator(), 1_000_000, "192.0.2.1", NullLogger.Instance, () => { });
        var connection = new ConnectionService(transport, new SshIdentity("fuzz"), new TestCommandHandler(), new SshServerOptions(), NullLogger.Instance, ct);
        byte[][] seeds =
        [
            new SshWriter(SshMessage.UserAuthRequest).WriteString("git").WriteString("ssh-connection").WriteString("publickey").WriteBoolean(true).WriteString("ssh-ed25519").WriteBinary(new byte[51]).WriteBinary(new byte[83]).ToArray(),
            new SshWriter(SshMessage.ChannelOpen).WriteString("session").WriteUInt32(0).WriteUInt32(1000).WriteUInt32(1000).ToArray(),
            new SshWriter(SshMessage.ChannelRequest).WriteUInt32(0).WriteString("env").WriteBoolean(true).WriteString("GIT_PROTOCOL").WriteString("version=2").ToArray(),
            new SshWriter(SshMessage.ChannelData).WriteUInt32(0).WriteBinary(new byte[10]).ToArray(),
            new SshWriter(SshMessage.GlobalRequest).WriteString("keepalive@openssh.com").WriteBoolean(true).ToArray(),
        ];
        for (var i = 0; i < Rounds; i++)
        {
            var bytes = Mutate(random, seeds[i % seeds.Length]);
            var exception = bytes.Length > 0 && bytes[0] == SshMessage.UserAuthRequest
                ? await Record.ExceptionAsync(() => auth.HandleAsync(bytes, ct))
                : await Record.ExceptionAsync(() => connection.HandleAsync(bytes, ct));
            Assert.True(exception is null or SshProtocolException, exception?.ToString());
        }

        connection.CancelAll();
    }

    /// <summary>Truncates, flips bytes or replaces the tail with noise.</summary>
    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = seed[..random.Next(0, seed.Length + 1)];
        for (var flips = random.Next(0, 4); flips > 0 && bytes.Length > 1; flips--)
        {
            bytes[random.Next(1, bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }
}
