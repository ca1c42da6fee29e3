using System.Buffers;
using System.Text;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Reads the output of <c>git log -p -U0 --format=%H</c> as it streams and scans each added line,
/// holding one line at a time (lines are cut at <see cref="SecretScanningOptions.MaxLineLength"/>).
/// The layout it relies on: a commit starts with a line holding only its id; a file starts with
/// <c>diff --git</c>, whose header names the new path on <c>+++ b/…</c> (or a <c>Binary files … and b/… differ</c>
/// line); each hunk starts with <c>@@ -a,b +c,d @@</c>, c being the first new line number; inside a hunk
/// every line starts with <c>+</c>, <c>-</c>, space or <c>\</c>, so header lines can never be mistaken for content.
/// Stops (returns) once <see cref="SecretScanningOptions.MaxBytes"/> have been read.
/// </summary>
internal sealed class PatchScanner(AddedLineScanner lines, SecretScanningOptions options)
{
    private readonly byte[] _carry = new byte[options.MaxLineLength + 1];
    private int _carryLength;
    private bool _carryOverflow;
    private bool _inHunk;
    private int _nextLine;

    public long BytesRead { get; private set; }

    public bool ReachedByteLimit { get; private set; }

    public async Task ScanAsync(Stream patch, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await patch.ReadAsync(buffer, cancellationToken)) > 0)
            {
                BytesRead += read;
                Feed(buffer.AsSpan(0, read));
                if (BytesRead >= options.MaxBytes)
                {
                    ReachedByteLimit = true;
                    return;
                }

                if (lines.IsFull)
                {
                    return;
                }
            }

            if (_carryLength > 0)
            {
                Line(_carry.AsSpan(0, _carryLength));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOf((byte)'\n');
            var piece = end < 0 ? data : data[..end];
            if (_carryLength == 0 && !_carryOverflow && end >= 0)
            {
                Line(piece.Length > options.MaxLineLength ? piece[..options.MaxLineLength] : piece);
            }
            else
            {
                var room = options.MaxLineLength - _carryLength;
                var take = Math.Min(room, piece.Length);
                piece[..take].CopyTo(_carry.AsSpan(_carryLength));
                _carryLength += take;
                _carryOverflow |= take < piece.Length;
                if (end >= 0)
                {
                    Line(_carry.AsSpan(0, _carryLength));
                    _carryLength = 0;
                    _carryOverflow = false;
                }
            }

            if (end < 0)
            {
                return;
            }

            data = data[(end + 1)..];
        }
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            return;
        }

        switch (line[0])
        {
            case (byte)'+' when _inHunk:
                lines.AddedLine(line[1..], _nextLine);
                _nextLine++;
                return;
            case (byte)'-' or (byte)'\\' when _inHunk:
                return;
            case (byte)' ' when _inHunk:
                _nextLine++;
                return;
            case (byte)'@' when line.StartsWith("@@ "u8):
                _inHunk = true;
                _nextLine = HunkStart(line);
                return;
        }

        _inHunk = false;
        if (line.StartsWith("diff --git "u8))
        {
            lines.EndFile();
        }
        else if (line.StartsWith("+++ "u8))
        {
            lines.StartFile(PatchPaths.NewPath(line[4..]));
        }
        else if (line.StartsWith("Binary files "u8))
        {
            lines.StartFile(PatchPaths.BinaryNewPath(line));
        }
        else if (line.Length is 40 or 64 && IsHex(line))
        {
            lines.StartCommit(Encoding.ASCII.GetString(line));
        }
    }

    /// <summary>The c of <c>@@ -a,b +c,d @@</c>.</summary>
    private static int HunkStart(ReadOnlySpan<byte> line)
    {
        var plus = line.IndexOf(" +"u8);
        var number = 0;
        for (var i = plus + 2; plus >= 0 && i < line.Length && line[i] is >= (byte)'0' and <= (byte)'9' && number < 100_000_000; i++)
        {
            number = (number * 10) + (line[i] - '0');
        }

        return number;
    }

    private static bool IsHex(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f')))
            {
                return false;
            }
        }

        return true;
    }
}
