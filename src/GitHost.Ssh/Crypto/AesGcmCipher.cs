using System.Buffers.Binary;
using System.Security.Cryptography;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Crypto;

/// <summary>
/// aes256-gcm@openssh.com (RFC 5647 as OpenSSH implements it): the length field travels in the
/// clear and is the AEAD's associated data; the 12-byte nonce is the derived IV whose last 8 bytes
/// are an invocation counter incremented after every packet. The MAC negotiation is skipped.
/// </summary>
internal sealed class AesGcmCipher(byte[] key, byte[] iv) : IPacketCipher, IDisposable
{
    private readonly AesGcm _aes = new(key, 16);
    private readonly byte[] _nonce = (byte[])iv.Clone();

    public int BlockSize => 16;

    public int TagSize => 16;

    public bool LengthIsAligned => false;

    public uint ReadLength(uint sequence, ReadOnlySpan<byte> lengthField) => BinaryPrimitives.ReadUInt32BigEndian(lengthField);

    public void Open(uint sequence, ReadOnlySpan<byte> wire, Span<byte> body)
    {
        var cipherText = wire[4..^16];
        try
        {
            _aes.Decrypt(_nonce, cipherText, wire[^16..], body, wire[..4]);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SshProtocolException(SshDisconnectReason.MacError, "Corrupted packet: the AES-GCM tag does not match.");
        }

        IncrementCounter();
    }

    public void Seal(uint sequence, ReadOnlySpan<byte> plain, Span<byte> wire)
    {
        plain[..4].CopyTo(wire);
        var bodyLength = plain.Length - 4;
        _aes.Encrypt(_nonce, plain[4..], wire.Slice(4, bodyLength), wire.Slice(4 + bodyLength, 16), plain[..4]);
        IncrementCounter();
    }

    public void Dispose() => _aes.Dispose();

    private void IncrementCounter()
    {
        var counter = _nonce.AsSpan(4, 8);
        BinaryPrimitives.WriteUInt64BigEndian(counter, BinaryPrimitives.ReadUInt64BigEndian(counter) + 1);
    }
}
