using System.Buffers.Binary;
using System.Text;

namespace GitHost.Ssh.Protocol;

/// <summary>
/// Reads the RFC 4251 §5 data types from one message. Every read is bounds-checked against the
/// message; anything short or malformed throws <see cref="SshProtocolException"/>, never an
/// index or format exception, so hostile input cannot escape as anything else.
/// </summary>
internal ref struct SshReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool AtEnd => _position == _data.Length;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBoolean() => ReadByte() != 0;

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = ReadUInt32();
        if (length > (uint)Remaining)
        {
            throw Malformed($"a string of {length} bytes runs past the end of the message");
        }

        return Take((int)length);
    }

    public byte[] ReadBinaryArray() => ReadBinary().ToArray();

    /// <summary>A string that must be UTF-8 (names, commands, user names).</summary>
    public string ReadString()
    {
        var bytes = ReadBinary();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("a string is not valid UTF-8");
        }
    }

    public string[] ReadNameList()
    {
        var text = ReadString();
        return text.Length == 0 ? [] : text.Split(',');
    }

    /// <summary>An mpint returned as unsigned big-endian magnitude; negative values are refused.</summary>
    public ReadOnlySpan<byte> ReadUnsignedMpint()
    {
        var bytes = ReadBinary();
        if (bytes.Length > 0 && (bytes[0] & 0x80) != 0)
        {
            throw Malformed("a negative mpint where a positive one is required");
        }

        return bytes.TrimStart((byte)0);
    }

    public void EnsureEnd()
    {
        if (!AtEnd)
        {
            throw Malformed("trailing bytes after the message");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Malformed("the message is truncated");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static SshProtocolException Malformed(string what) =>
        new(SshDisconnectReason.ProtocolError, $"Malformed message: {what}.");
}
