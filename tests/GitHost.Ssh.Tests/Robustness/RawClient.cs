using System.Net;
using System.Net.Sockets;
using System.Text;
using GitHost.Ssh.Protocol;
using GitHost.Ssh.Transport;

namespace GitHost.Ssh.Tests.Robustness;

/// <summary>A TCP client speaking raw bytes, for clients that misbehave.</summary>
public sealed class RawClient : IAsyncDisposable
{
    private readonly TcpClient _tcp = new();

    public NetworkStream Stream => _tcp.GetStream();

    public static Task<RawClient> ConnectAsync(int port, CancellationToken cancellationToken) =>
        ConnectFromAsync("127.0.0.1", port, cancellationToken);

    /// <summary>Connects from another loopback address (all of 127.0.0.0/8 is local on Linux), to act as a second client machine.</summary>
    public static async Task<RawClient> ConnectFromAsync(string sourceAddress, int port, CancellationToken cancellationToken)
    {
        var client = new RawClient();
        client._tcp.Client.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
        await client._tcp.ConnectAsync("127.0.0.1", port, cancellationToken);
        return client;
    }

    /// <summary>Sends the version line and waits for the server's, so the server has admitted this connection.</summary>
    public async Task HandshakeStartedAsync(CancellationToken cancellationToken)
    {
        await SendVersionAsync(cancellationToken);
        var banner = new byte[8];
        await Stream.ReadExactlyAsync(banner, cancellationToken);
    }

    public Task SendVersionAsync(CancellationToken cancellationToken) =>
        Stream.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-RawTest_1.0\r\n"), cancellationToken).AsTask();

    /// <summary>Sends one unencrypted packet (before NEWKEYS).</summary>
    internal Task SendPacketAsync(byte[] payload, CancellationToken cancellationToken) =>
        new SshPacketStream(Stream, 256 * 1024).WriteAsync(payload, cancellationToken).AsTask();

    /// <summary>Reads until the server closes; returns everything it sent. Fails the test at the deadline.</summary>
    public async Task<byte[]> ReadUntilClosedAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await Stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }

        return received.ToArray();
    }

    internal static byte[] ClientKexInit(bool strict) =>
        new SshWriter(SshMessage.KexInit).WriteRaw(new byte[16])
            .WriteNameList(strict ? ["curve25519-sha256", SshAlgorithms.StrictKexClient] : ["curve25519-sha256"])
            .WriteNameList(["ssh-ed25519"]).WriteNameList(["aes256-gcm@openssh.com"]).WriteNameList(["aes256-gcm@openssh.com"])
            .WriteNameList(["hmac-sha2-256-etm@openssh.com"]).WriteNameList(["hmac-sha2-256-etm@openssh.com"])
            .WriteNameList(["none"]).WriteNameList(["none"]).WriteNameList([]).WriteNameList([]).WriteBoolean(false).WriteUInt32(0).ToArray();

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
