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
/// block 1; the tag covers encrypted length and encrypted body.
/// The body's keystream is the bulk of the work (a clone is tens of megabytes): it comes from the
/// platform's RFC 8439 ChaCha20 (OpenSSL, vectorised), whose encryption is the same keystream from
/// block 1 when its 96-bit nonce is four zero bytes and then the 64-bit one (its own tag is not the
/// one SSH wants and is dropped). The length field, block 0 and Poly1305 come from BouncyCastle's
/// original (64-bit nonce) ChaCha20 engine and Poly1305; without the platform's ChaCha20, the body too.
/// </summary>
internal sealed class ChaCha20Poly1305Cipher : IPacketCipher, IDisposable
{
    private readonly byte[] _mainKey;
    private readonly byte[] _headerKey;
    private readonly ChaCha20Poly1305? _bulk;

    /// <param name="key">K_2 then K_1, 64 bytes.</param>
    /// <param name="platformBulk">False keeps the body on BouncyCastle too (tests compare the two).</param>
    public ChaCha20Poly1305Cipher(byte[] key, bool platformBulk = true)
    {
        _mainKey = key[..32];
        _headerKey = key[32..64];
        _bulk = platformBulk && ChaCha20Poly1305.IsSupported ? new ChaCha20Poly1305(_mainKey) : null;
    }

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
        Span<byte> polyKey = stackalloc byte[64];
        main.ProcessBytes(new byte[64], polyKey);
        Span<byte> expected = stackalloc byte[16];
        Poly1305Tag(polyKey[..32], wire[..^16], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, wire[^16..]))
        {
            throw new SshProtocolException(SshDisconnectReason.MacError, "Corrupted packet: the Poly1305 tag does not match.");
        }

        XorBody(main, sequence, wire[4..^16], body);
    }

    public void Seal(uint sequence, ReadOnlySpan<byte> plain, Span<byte> wire)
    {
        Engine(_headerKey, sequence).ProcessBytes(plain[..4], wire[..4]);
        var main = Engine(_mainKey, sequence);
        Span<byte> polyKey = stackalloc byte[64];
        main.ProcessBytes(new byte[64], polyKey);
        XorBody(main, sequence, plain[4..], wire[4..plain.Length]);
        Poly1305Tag(polyKey[..32], wire[..plain.Length], wire.Slice(plain.Length, 16));
    }

    public void Dispose() => _bulk?.Dispose();

    /// <summary>XORs <paramref name="input"/> with K_2's keystream from block 1 (<paramref name="main"/> stands there).</summary>
    private void XorBody(ChaChaEngine main, uint sequence, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (_bulk is null)
        {
            main.ProcessBytes(input, output);
            return;
        }

        Span<byte> nonce = stackalloc byte[12];
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], sequence);
        Span<byte> unusedTag = stackalloc byte[16];
        _bulk.Encrypt(nonce, input, output[..input.Length], unusedTag);
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
