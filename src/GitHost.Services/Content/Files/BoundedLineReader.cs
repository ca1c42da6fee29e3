using System.Buffers;
using System.Text;

namespace GitHost.Services.Content.Files;

/// <summary>
/// Reads <c>\n</c>-terminated lines from a stream without ever holding more than one line, and at
/// most <c>maxLineBytes</c> of it: the rest of a longer line is read past and the line is marked
/// truncated. Lines are decoded as UTF-8 (invalid bytes become U+FFFD).
/// <code>
/// var reader = new BoundedLineReader(stdout, 16 * 1024);
/// while (await reader.ReadLineAsync(keep: true, ct) is { } line) { … line.Text, line.Truncated … }
/// </code>
/// </summary>
internal sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> _line = new();
    private int _position;
    private int _length;
    private bool _ended;

    /// <summary>Bytes consumed from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Looks at up to <paramref name="count"/> bytes ahead without consuming them.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> PeekAsync(int count, CancellationToken cancellationToken)
    {
        count = Math.Min(count, _buffer.Length);
        if (_position > 0 && _length - _position < count)
        {
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, _length - _position);
            _length -= _position;
            _position = 0;
        }

        while (!_ended && _length - _position < count)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken);
            if (read == 0)
            {
                _ended = true;
            }

            _length += read;
        }

        return _buffer.AsMemory(_position, Math.Min(count, _length - _position));
    }

    /// <summary>The next line without its <c>\n</c>, or null at the end; with <paramref name="keep"/> false the text is not decoded.</summary>
    public ValueTask<TextLine?> ReadLineAsync(bool keep, CancellationToken cancellationToken) =>
        ReadUntilAsync((byte)'\n', keep, cancellationToken);

    /// <summary>The next record ending in <paramref name="terminator"/> (without it), or null at the end.</summary>
    public async ValueTask<TextLine?> ReadUntilAsync(byte terminator, bool keep, CancellationToken cancellationToken)
    {
        _line.Clear();
        var truncated = false;
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                if (_ended || (_length = await stream.ReadAsync(_buffer, cancellationToken)) == 0)
                {
                    _ended = true;
                    _length = 0;
                    _position = 0;
                    return any ? Finish(keep, truncated) : null;
                }

                _position = 0;
            }

            any = true;
            var span = _buffer.AsSpan(_position, _length - _position);
            var newline = span.IndexOf(terminator);
            var take = newline < 0 ? span.Length : newline;
            if (keep)
            {
                var room = maxLineBytes - _line.WrittenCount;
                if (take > room)
                {
                    truncated = true;
                }

                _line.Write(span[..Math.Min(take, Math.Max(room, 0))]);
            }

            var consumed = newline < 0 ? take : take + 1;
            _position += consumed;
            BytesRead += consumed;
            if (newline >= 0)
            {
                return Finish(keep, truncated);
            }
        }
    }

    private TextLine Finish(bool keep, bool truncated) =>
        new(keep ? Encoding.UTF8.GetString(_line.WrittenSpan) : "", truncated);
}

/// <summary>One line of text; <see cref="Truncated"/> when its tail was dropped.</summary>
public sealed record TextLine(string Text, bool Truncated);
