using System.Buffers.Binary;

namespace GitHost.Ssh.Crypto;

/// <summary>The cleartext protection in force until the first NEWKEYS.</summary>
internal sealed class NoneCipher : IPacketCipher
{
    public int BlockSize => 8;

    public int TagSize => 0;

    public bool LengthIsAligned => true;

    public uint ReadLength(uint sequence, ReadOnlySpan<byte> lengthField) => BinaryPrimitives.ReadUInt32BigEndian(lengthField);

    public void Open(uint sequence, ReadOnlySpan<byte> wire, Span<byte> body) => wire[4..].CopyTo(body);

    public void Seal(uint sequence, ReadOnlySpan<byte> plain, Span<byte> wire) => plain.CopyTo(wire);
}
