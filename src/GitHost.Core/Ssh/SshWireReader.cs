using System.Buffers.Binary;

namespace GitHost.Core.Ssh;

/// <summary>
/// Reads the RFC 4251 types a public key blob is made of: <c>string</c> (uint32 length + bytes)
/// and <c>mpint</c>. Every read is bounds-checked; a length past the end fails instead of throwing.
/// </summary>
internal ref struct SshWireReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public readonly bool AtEnd => _rest.IsEmpty;

    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (_rest.Length < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_rest);
        if (length > (uint)(_rest.Length - 4))
        {
            return false;
        }

        value = _rest.Slice(4, (int)length);
        _rest = _rest[(4 + (int)length)..];
        return true;
    }

    /// <summary>A positive mpint: no sign bit set, no needless leading zero byte. Returns its size in bits.</summary>
    public bool TryReadPositiveMpint(out int bits)
    {
        bits = 0;
        if (!TryReadString(out var value) || value.IsEmpty || (value[0] & 0x80) != 0)
        {
            return false;
        }

        if (value[0] == 0)
        {
            // A leading zero is allowed only to clear the sign bit of the next byte.
            if (value.Length < 2 || (value[1] & 0x80) == 0)
            {
                return false;
            }

            value = value[1..];
        }

        bits = ((value.Length - 1) * 8) + (8 - System.Numerics.BitOperations.LeadingZeroCount((uint)value[0]) + 24);
        return true;
    }
}
