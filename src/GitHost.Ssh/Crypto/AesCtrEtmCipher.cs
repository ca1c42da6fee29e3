using System.Buffers.Binary;
using System.Security.Cryptography;
using GitHost.Ssh.Protocol;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitHost.Ssh.Crypto;

/// <summary>
/// aesNNN-ctr (RFC 4344) with an encrypt-then-MAC HMAC (OpenSSH PROTOCOL §1.5): the length field
/// stays in the clear, the body is AES-CTR encrypted (one keystream over the whole connection),
/// and the MAC is HMAC(key, uint32 sequence || length field || encrypted body), checked before
/// anything is decrypted.
/// </summary>
internal sealed class AesCtrEtmCipher : IPacketCipher
{
    private readonly IBlockCipher _ctr;
    private readonly byte[] _macKey;
    private readonly HashAlgorithmName _macHash;

    public AesCtrEtmCipher(byte[] key, byte[] iv, byte[] macKey, HashAlgorithmName macHash, int macSize)
    {
        _ctr = new SicBlockCipher(AesUtilities.CreateEngine());
        _ctr.Init(true, new ParametersWithIV(new KeyParameter(key), iv));
        _macKey = macKey;
        _macHash = macHash;
        TagSize = macSize;
    }

    public int BlockSize => 16;

    public int TagSize { get; }

    public bool LengthIsAligned => false;

    public uint ReadLength(uint sequence, ReadOnlySpan<byte> lengthField) => BinaryPrimitives.ReadUInt32BigEndian(lengthField);

    public void Open(uint sequence, ReadOnlySpan<byte> wire, Span<byte> body)
    {
        Span<byte> expected = stackalloc byte[TagSize];
        Mac(sequence, wire[..^TagSize], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, wire[^TagSize..]))
        {
            throw new SshProtocolException(SshDisconnectReason.MacError, "Corrupted packet: the MAC does not match.");
        }

        Transform(wire[4..^TagSize], body);
    }

    public void Seal(uint sequence, ReadOnlySpan<byte> plain, Span<byte> wire)
    {
        plain[..4].CopyTo(wire);
        Transform(plain[4..], wire[4..plain.Length]);
        Mac(sequence, wire[..plain.Length], wire.Slice(plain.Length, TagSize));
    }

    private void Transform(ReadOnlySpan<byte> input, Span<byte> output)
    {
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            _ctr.ProcessBlock(input.Slice(offset, 16), output.Slice(offset, 16));
        }
    }

    private void Mac(uint sequence, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(_macHash, _macKey);
        Span<byte> sequenceBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sequenceBytes, sequence);
        hmac.AppendData(sequenceBytes);
        hmac.AppendData(data);
        hmac.GetHashAndReset(mac);
    }
}
