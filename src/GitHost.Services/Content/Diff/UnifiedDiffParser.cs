using System.Globalization;
using System.Text.RegularExpressions;
using GitHost.Services.Content.Changes;
using GitHost.Services.Content.Files;

namespace GitHost.Services.Content.Diff;

/// <summary>
/// Turns the output of <c>git diff --raw -z -p</c> into Bitbucket's diff model while it streams.
/// File names come from the NUL-separated raw records (exact, whatever characters they hold); each
/// <c>diff --git</c> header is matched to its record by quoting the record's names as git does.
/// Records with no patch section (whitespace-only changes under <c>-w</c>) are skipped. Parsing stops
/// when a cap is reached, marking the line's segment, hunk, file and the whole diff truncated.
/// </summary>
internal sealed partial class UnifiedDiffParser(ContentLimits limits)
{
    private readonly List<FileDiff> _files = [];
    private FileDiff? _file;
    private DiffHunk? _hunk;
    private DiffSegment? _segment;
    private int _source;
    private int _destination;
    private int _lines;
    private long _chars;

    public IReadOnlyList<FileDiff> Files => _files;

    public bool Truncated { get; private set; }

    public async Task ParseAsync(Stream stdout, CancellationToken cancellationToken)
    {
        var reader = new BoundedLineReader(stdout, limits.MaxLineBytes);
        var changes = new List<FileChange>();
        await foreach (var change in RawChangeReader.ReadAsync(reader, cancellationToken))
        {
            changes.Add(change);
        }

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

                if (_files.Count == limits.MaxDiffFiles)
                {
                    Truncated = true;
                    return;
                }

                StartFile(changes[next++]);
            }
            else if (text.StartsWith("@@ ", StringComparison.Ordinal) && _file is not null)
            {
                StartHunk(text);
            }
            else if (_hunk is null)
            {
                // Extended headers (index, mode, rename, ---/+++) say nothing the raw record did not.
                if (_file is not null && text.StartsWith("Binary files ", StringComparison.Ordinal))
                {
                    _file.Binary = true;
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
        }
    }

    private void StartFile(FileChange change)
    {
        _file = new FileDiff(change.Status == 'A' ? null : change.OldSidePath, change.Status == 'D' ? null : change.Path);
        _files.Add(_file);
        _hunk = null;
        _segment = null;
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
        _hunk = new DiffHunk(context.Length == 0 ? null : context, sourceLine, sourceSpan, destinationLine, destinationSpan);
        _file!.Hunks.Add(_hunk);
        _segment = null;

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
        if (_segment is null || _segment.Type != type)
        {
            _segment = new DiffSegment(type);
            _hunk!.Segments.Add(_segment);
        }

        if (_lines >= limits.MaxDiffLines || _chars > limits.MaxPageChars)
        {
            _segment.Truncated = _hunk!.Truncated = _file!.Truncated = Truncated = true;
            if (_segment.Lines.Count == 0)
            {
                _hunk.Segments.Remove(_segment);
            }

            return false;
        }

        _segment.Lines.Add(new DiffLine(_source, _destination, text, truncated));
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
