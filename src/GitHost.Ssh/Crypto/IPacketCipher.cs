namespace GitHost.Ssh.Crypto;

/// <summary>
/// One direction of the binary packet protection (RFC 4253 §6). Every mode GitHost offers keeps
/// the 4-byte length field apart from the body: in the clear (none, AES-GCM, encrypt-then-MAC) or
/// under its own key (chacha20-poly1305), so the reader learns the length from the first 4 bytes
/// alone and can refuse an oversized packet before reading or allocating the rest.
/// </summary>
internal interface IPacketCipher
{
    /// <summary>The alignment of the padded packet.</summary>
    int BlockSize { get; }

    /// <summary>Bytes of MAC or AEAD tag after the body.</summary>
    int TagSize { get; }

    /// <summary>True when the length field counts toward the block alignment (only the "none" cipher).</summary>
    bool LengthIsAligned { get; }

    uint ReadLength(uint sequence, ReadOnlySpan<byte> lengthField);

    /// <summary>Authenticates and decrypts <paramref name="wire"/> (length field, body, tag) into <paramref name="body"/>; throws <see cref="Protocol.SshProtocolException"/> on a bad tag.</summary>
    void Open(uint sequence, ReadOnlySpan<byte> wire, Span<byte> body);

    /// <summary>Encrypts <paramref name="plain"/> (length field and body) into <paramref name="wire"/>, which has room for the tag.</summary>
    void Seal(uint sequence, ReadOnlySpan<byte> plain, Span<byte> wire);
}
