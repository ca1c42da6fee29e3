using System.Buffers.Binary;
using System.Net;

namespace GitHost.Ssh.Hosting;

/// <summary>
/// Reads the binary PROXY protocol v2 header that a load balancer (HAProxy's <c>send-proxy-v2</c>)
/// puts before the client's first byte, so the SSH server sees the client's address instead of the
/// balancer's. Only what GitHost needs is read: PROXY or LOCAL, TCP over IPv4 or IPv6; the optional
/// TLVs after the addresses are skipped. Anything else is refused, since a connection that should
/// carry the header and does not is not from the balancer.
/// </summary>
public static class ProxyProtocolHeader
{
    /// <summary>The 12-byte v2 signature (a v1 text header starts with "PROXY " instead and is refused).</summary>
    private static ReadOnlySpan<byte> Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    /// <summary>Addresses and TLVs together never need more; HAProxy sends a few dozen bytes.</summary>
    public const int MaxBodyLength = 512;

    /// <summary>
    /// Reads the header from <paramref name="stream"/> and returns the client's address and port, or
    /// null for a LOCAL header (the balancer's own health check: the connection's address stands).
    /// </summary>
    /// <exception cref="InvalidDataException">the bytes are not a v2 header GitHost accepts.</exception>
    public static async Task<IPEndPoint?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var fixedPart = new byte[16];
        await ReadExactlyAsync(stream, fixedPart, cancellationToken);
        if (!fixedPart.AsSpan(0, 12).SequenceEqual(Signature))
        {
            throw new InvalidDataException("The connection did not start with a PROXY protocol v2 header.");
        }

        var version = fixedPart[12] >> 4;
        var command = fixedPart[12] & 0x0F;
        if (version != 2 || command > 1)
        {
            throw new InvalidDataException($"PROXY protocol version {version} command {command} is not supported (v2 PROXY or LOCAL).");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(fixedPart.AsSpan(14));
        if (length > MaxBodyLength)
        {
            throw new InvalidDataException($"The PROXY header announces {length} bytes; at most {MaxBodyLength} are accepted.");
        }

        var body = new byte[length];
        await ReadExactlyAsync(stream, body, cancellationToken);
        if (command == 0)
        {
            return null;
        }

        return fixedPart[13] switch
        {
            0x11 when length >= 12 => new IPEndPoint(new IPAddress(body.AsSpan(0, 4)), BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(8))),
            0x21 when length >= 36 => new IPEndPoint(new IPAddress(body.AsSpan(0, 16)), BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(32))),
            0x11 or 0x21 => throw new InvalidDataException($"The PROXY header's address block is too short ({length} bytes)."),
            var family => throw new InvalidDataException($"PROXY address family 0x{family:x2} is not supported (TCP over IPv4 or IPv6)."),
        };
    }

    private static async Task ReadExactlyAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("The connection closed inside its PROXY protocol header.");
        }
    }
}
