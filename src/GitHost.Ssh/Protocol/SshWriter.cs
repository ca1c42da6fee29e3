using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace GitHost.Ssh.Protocol;

/// <summary>Builds one message from the RFC 4251 §5 data types.</summary>
internal sealed class SshWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    /// <param name="messageNumber">The message's first byte.</param>
    /// <param name="capacity">The message's expected size: channel data knows it, and growing a 32 KiB message from 256 bytes copies it seven times.</param>
    public SshWriter(byte messageNumber, int capacity = 256)
    {
        _buffer = new ArrayBufferWriter<byte>(capacity);
        WriteByte(messageNumber);
    }

    public SshWriter()
    {
        _buffer = new ArrayBufferWriter<byte>(256);
    }

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public SshWriter WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public SshWriter WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public SshWriter WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public SshWriter WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public SshWriter WriteBinary(ReadOnlySpan<byte> bytes)
    {
        WriteUInt32((uint)bytes.Length);
        return WriteRaw(bytes);
    }

    public SshWriter WriteString(string value) => WriteBinary(Encoding.UTF8.GetBytes(value));

    public SshWriter WriteNameList(IEnumerable<string> names) => WriteString(string.Join(',', names));

    /// <summary>Writes an unsigned big-endian magnitude as an mpint (leading zeros dropped, a zero byte added when the top bit is set).</summary>
    public SshWriter WriteUnsignedMpint(ReadOnlySpan<byte> magnitude)
    {
        magnitude = magnitude.TrimStart((byte)0);
        if (magnitude.Length > 0 && (magnitude[0] & 0x80) != 0)
        {
            WriteUInt32((uint)magnitude.Length + 1);
            WriteByte(0);
            return WriteRaw(magnitude);
        }

        return WriteBinary(magnitude);
    }
}
