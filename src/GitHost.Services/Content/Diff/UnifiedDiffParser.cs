using System.Globalization;
using System.Text.RegularExpressions;
using GitHost.Services.Content.Changes;
using GitHost.Services.Content.Files;

namespace GitHost.Services.Content.Diff;

/// <summary>
/// Turns the output of <c>git diff --raw -z -p</c> into <see cref="IDiffSink"/> calls while it streams,
/// holding only the current line and hunk position. File names come from the NUL-separated raw records
/// (exact, whatever characters they hold); each <c>diff --git</c> header is matched to its record by
/// quoting the record's names as git does. Records with no patch section (whitespace-only changes under
/// <c>-w</c>) are skipped. Parsing stops when a cap is reached, which the sink is told.
/// </summary>
internal sealed partial class UnifiedDiffParser(ContentLimits limits, IDiffSink sink)
{
    private bool _inFile;
    private bool _inHunk;
    private int _files;
    private int _source;
    private int _destination;
    private int _lines;
    private long _chars;

    public async Task ParseAsync(Stream stdout, CancellationToken cancellationToken)
    {
        var reader = new BoundedLineReader(stdout, limits.MaxLineBytes);
        var changes = new List<FileChange>();
        await foreach (var change in RawChangeReader.ReadAsync(reader, cancellationToken))
        {
            changes.Add(change);
        }

        sink.Changes(changes);
        var next = 0;
        while (await reader.ReadLineAsync(keep: true, cancellationToken) is { } line)
        {
            var text = line.Text;
            if (text.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                while (next < changes.Count && GitPathQuoting.Header(changes[next]) != text)
                {
                    next++;
                }

                if (next == changes.Count)
                {
                    throw new InvalidOperationException($"git diff wrote a header that matches no changed file: '{text}'.");
                }

                if (_files == limits.MaxDiffFiles)
                {
                    sink.FilesCapped();
                    return;
                }

                _files++;
                _inFile = true;
                _inHunk = false;
                sink.StartFile(changes[next++]);
            }
            else if (text.StartsWith("@@ ", StringComparison.Ordinal) && _inFile)
            {
                StartHunk(text);
            }
            else if (!_inHunk)
            {
                // Extended headers (index, mode, rename, ---/+++) say nothing the raw record did not.
                if (_inFile && text.StartsWith("Binary files ", StringComparison.Ordinal))
                {
                    sink.Binary();
                }
            }
            else if (text.Length > 0 && text[0] is ' ' or '+' or '-')
            {
                if (!AddLine(text[0], text[1..], line.Truncated))
                {
                    return;
                }
            }

            // "\ No newline at end of file" says nothing Bitbucket's model can carry.
            await sink.FlushAsync(cancellationToken);
        }
    }

    private void StartHunk(string header)
    {
        var match = HunkHeader().Match(header);
        if (!match.Success)
        {
            throw new InvalidOperationException($"git diff wrote a hunk header GitHost cannot read: '{header}'.");
        }

        var sourceLine = Number(match.Groups[1]);
        var sourceSpan = match.Groups[2].Success ? Number(match.Groups[2]) : 1;
        var destinationLine = Number(match.Groups[3]);
        var destinationSpan = match.Groups[4].Success ? Number(match.Groups[4]) : 1;
        var context = match.Groups[5].Value;
        _inHunk = true;
        sink.StartHunk(new DiffHunkHeader(context.Length == 0 ? null : context, sourceLine, sourceSpan, destinationLine, destinationSpan));

        // An empty side names the line before the change; the lines shown sit after it.
        _source = sourceSpan == 0 ? sourceLine + 1 : sourceLine;
        _destination = destinationSpan == 0 ? destinationLine + 1 : destinationLine;
    }

    private bool AddLine(char marker, string text, bool truncated)
    {
        var type = marker switch
        {
            '+' => DiffSegmentType.Added,
            '-' => DiffSegmentType.Removed,
            _ => DiffSegmentType.Context,
        };
        if (_lines >= limits.MaxDiffLines || _chars > limits.MaxPageChars)
        {
            sink.LinesCapped(type);
            return false;
        }

        sink.Line(type, _source, _destination, text, truncated);
        _lines++;
        _chars += text.Length;
        if (type != DiffSegmentType.Added)
        {
            _source++;
        }

        if (type != DiffSegmentType.Removed)
        {
            _destination++;
        }

        return true;
    }

    private static int Number(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$")]
    private static partial Regex HunkHeader();
}
