using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using GitHost.Ssh.Crypto;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Transport;

/// <summary>
/// The binary packet protocol (RFC 4253 §6) over one stream: framing, padding, sequence numbers and
/// the current cipher of each direction. Reading is done by one loop only; writing is serialized
/// by the caller (<see cref="SshTransport"/>). The length is decrypted from the first 4 bytes and
/// checked against the size limit before the body is read or any buffer for it allocated.
/// </summary>
internal sealed class SshPacketStream(Stream stream, int maxPacketSize)
{
    private readonly byte[] _lengthField = new byte[4];
    private IPacketCipher _readCipher = new NoneCipher();
    private IPacketCipher _writeCipher = new NoneCipher();

    public uint ReadSequence { get; private set; }

    public uint WriteSequence { get; private set; }

    public long BytesRead { get; private set; }

    public long BytesWritten { get; private set; }

    /// <summary>Reads one packet and returns its payload and the sequence number it had.</summary>
    public async ValueTask<(byte[] Payload, uint Sequence)> ReadAsync(CancellationToken cancellationToken)
    {
        await ReadExactlyAsync(_lengthField, cancellationToken);
        var cipher = _readCipher;
        var sequence = ReadSequence;
        var length = cipher.ReadLength(sequence, _lengthField);
        var aligned = cipher.LengthIsAligned ? length + 4 : length;
        if (length > maxPacketSize || length < 5 || aligned % (uint)cipher.BlockSize != 0)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"Bad packet length {length} (limit {maxPacketSize}).");
        }

        var wire = new byte[4 + length + cipher.TagSize];
        _lengthField.CopyTo(wire, 0);
        await ReadExactlyAsync(wire.AsMemory(4), cancellationToken);
        var body = new byte[length];
        cipher.Open(sequence, wire, body);
        var padding = body[0];
        if (padding < 4 || padding > length - 2)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"Bad padding length {padding}.");
        }

        ReadSequence = sequence + 1;
        BytesRead += wire.Length;
        return (body.AsSpan(1, (int)length - 1 - padding).ToArray(), sequence);
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var cipher = _writeCipher;
        var unaligned = (cipher.LengthIsAligned ? 4 : 0) + 1 + payload.Length;
        var padding = cipher.BlockSize - (unaligned % cipher.BlockSize);
        if (padding < 4)
        {
            padding += cipher.BlockSize;
        }

        var length = 1 + payload.Length + padding;
        var plainLength = 4 + length;
        var wireLength = plainLength + cipher.TagSize;
        // Rented: a clone sends its pack in 32 KiB packets, two buffers each.
        var plain = ArrayPool<byte>.Shared.Rent(plainLength);
        var wire = ArrayPool<byte>.Shared.Rent(wireLength);
        try
        {
            BinaryPrimitives.WriteUInt32BigEndian(plain, (uint)length);
            plain[4] = (byte)padding;
            payload.Span.CopyTo(plain.AsSpan(5));
            RandomNumberGenerator.Fill(plain.AsSpan(5 + payload.Length, padding));
            cipher.Seal(WriteSequence, plain.AsSpan(0, plainLength), wire.AsSpan(0, wireLength));
            WriteSequence++;
            BytesWritten += wireLength;
            await stream.WriteAsync(wire.AsMemory(0, wireLength), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            // The plain text held channel data: cleared before another user of the pool gets it.
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
            ArrayPool<byte>.Shared.Return(wire);
        }
    }

    /// <summary>Takes new keys for reading after the peer's NEWKEYS; strict kex restarts the sequence at 0.</summary>
    public void SwitchReadCipher(IPacketCipher cipher, bool resetSequence)
    {
        (_readCipher as IDisposable)?.Dispose();
        _readCipher = cipher;
        if (resetSequence)
        {
            ReadSequence = 0;
        }
    }

    /// <summary>Takes new keys for writing after our NEWKEYS; strict kex restarts the sequence at 0.</summary>
    public void SwitchWriteCipher(IPacketCipher cipher, bool resetSequence)
    {
        (_writeCipher as IDisposable)?.Dispose();
        _writeCipher = cipher;
        if (resetSequence)
        {
            WriteSequence = 0;
        }
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            throw new SshConnectionClosedException();
        }
    }
}
