using System.Buffers.Binary;
using System.Security.Cryptography;
using GitHost.Ssh.Protocol;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitHost.Ssh.Crypto;

/// <summary>
/// chacha20-poly1305@openssh.com (OpenSSH PROTOCOL.chacha20poly1305). The 64-byte key splits in
/// two: the first 32 bytes (K_2, "main") encrypt the body, the last 32 (K_1, "header") encrypt only
/// the length field. The nonce of both is the packet sequence number (64-bit big-endian). The
/// Poly1305 key is the first 32 bytes of K_2's keystream block 0; the body is encrypted from
/// block 1; the tag covers encrypted length and encrypted body. Built from BouncyCastle's original
/// (64-bit nonce) ChaCha20 engine and Poly1305.
/// </summary>
internal sealed class ChaCha20Poly1305Cipher(byte[] key) : IPacketCipher
{
    private readonly byte[] _mainKey = key[..32];
    private readonly byte[] _headerKey = key[32..64];

    public int BlockSize => 8;

    public int TagSize => 16;

    public bool LengthIsAligned => false;

    public uint ReadLength(uint sequence, ReadOnlySpan<byte> lengthField)
    {
        Span<byte> plain = stackalloc byte[4];
        Engine(_headerKey, sequence).ProcessBytes(lengthField, plain);
        return BinaryPrimitives.ReadUInt32BigEndian(plain);
    }

    public void Open(uint sequence, ReadOnlySpan<byte> wire, Span<byte> body)
    {
        var main = Engine(_mainKey, sequence);
        Span<byte> expected = stackalloc byte[16];
        ComputeTag(main, wire[..^16], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, wire[^16..]))
        {
            throw new SshProtocolException(SshDisconnectReason.MacError, "Corrupted packet: the Poly1305 tag does not match.");
        }

        main.ProcessBytes(wire[4..^16], body);
    }

    public void Seal(uint sequence, ReadOnlySpan<byte> plain, Span<byte> wire)
    {
        Engine(_headerKey, sequence).ProcessBytes(plain[..4], wire[..4]);
        var main = Engine(_mainKey, sequence);
        Span<byte> polyKey = stackalloc byte[64];
        main.ProcessBytes(new byte[64], polyKey);
        main.ProcessBytes(plain[4..], wire[4..plain.Length]);
        Poly1305Tag(polyKey[..32], wire[..plain.Length], wire.Slice(plain.Length, 16));
    }

    /// <summary>Consumes keystream block 0 of <paramref name="main"/> for the Poly1305 key, leaving it at block 1.</summary>
    private static void ComputeTag(ChaChaEngine main, ReadOnlySpan<byte> authenticated, Span<byte> tag)
    {
        Span<byte> polyKey = stackalloc byte[64];
        main.ProcessBytes(new byte[64], polyKey);
        Poly1305Tag(polyKey[..32], authenticated, tag);
    }

    private static void Poly1305Tag(ReadOnlySpan<byte> polyKey, ReadOnlySpan<byte> data, Span<byte> tag)
    {
        var poly = new Poly1305();
        poly.Init(new KeyParameter(polyKey));
        poly.BlockUpdate(data);
        poly.DoFinal(tag);
    }

    private static ChaChaEngine Engine(byte[] key, uint sequence)
    {
        var nonce = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(nonce, sequence);
        var engine = new ChaChaEngine(20);
        engine.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }
}
