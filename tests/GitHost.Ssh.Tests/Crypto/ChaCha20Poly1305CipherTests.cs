using System.Buffers.Binary;
using System.Security.Cryptography;
using GitHost.Ssh.Crypto;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Tests.Crypto;

/// <summary>
/// chacha20-poly1305@openssh.com with the body's keystream from the platform's ChaCha20 gives the same wire bytes as
/// BouncyCastle's original ChaCha20 alone, for every size and sequence number, and opens what either sealed.
/// (OpenSshExecTests run it against the real OpenSSH client.)
/// </summary>
public sealed class ChaCha20Poly1305CipherTests
{
    [Theory]
    [InlineData(0u, 8)]
    [InlineData(1u, 16)]
    [InlineData(7u, 64)]
    [InlineData(255u, 72)]
    [InlineData(256u, 1_000)]
    [InlineData(65_537u, 32_768 + 8)]
    [InlineData(uint.MaxValue, 35_000)]
    public void Platform_keystream_seals_and_opens_as_the_original_engine_does(uint sequence, int length)
    {
        var key = RandomNumberGenerator.GetBytes(64);
        using var platform = new ChaCha20Poly1305Cipher(key);
        using var original = new ChaCha20Poly1305Cipher(key, platformBulk: false);
        var plain = RandomNumberGenerator.GetBytes(4 + length);
        BinaryPrimitives.WriteUInt32BigEndian(plain, (uint)length);

        var sealedByPlatform = new byte[plain.Length + 16];
        var sealedByOriginal = new byte[plain.Length + 16];
        platform.Seal(sequence, plain, sealedByPlatform);
        original.Seal(sequence, plain, sealedByOriginal);

        Assert.Equal(sealedByOriginal, sealedByPlatform);
        Assert.Equal((uint)length, platform.ReadLength(sequence, sealedByOriginal.AsSpan(0, 4)));
        var opened = new byte[length];
        platform.Open(sequence, sealedByOriginal, opened);
        Assert.Equal(plain[4..], opened);
        original.Open(sequence, sealedByPlatform, opened);
        Assert.Equal(plain[4..], opened);
    }

    [Fact]
    public void Packet_with_one_bit_changed_or_the_wrong_sequence_is_refused()
    {
        var key = RandomNumberGenerator.GetBytes(64);
        using var cipher = new ChaCha20Poly1305Cipher(key);
        var plain = new byte[4 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(plain, 64);
        var wire = new byte[plain.Length + 16];
        cipher.Seal(9, plain, wire);
        var body = new byte[64];

        var wrongSequence = Assert.Throws<SshProtocolException>(() => cipher.Open(10, wire, body));
        wire[20] ^= 1;
        var flipped = Assert.Throws<SshProtocolException>(() => cipher.Open(9, wire, body));

        Assert.Equal(SshDisconnectReason.MacError, wrongSequence.Reason);
        Assert.Equal(SshDisconnectReason.MacError, flipped.Reason);
    }
}
