using System.Globalization;

namespace GitHost.Services.Content.Files;

/// <summary>
/// Reads <c>git blame --incremental</c>: groups of lines in the order git finds them, each a header
/// <c>&lt;sha&gt; &lt;source line&gt; &lt;result line&gt; &lt;count&gt;</c>, the commit's details the first time
/// it appears (<c>author</c>, <c>author-mail</c>, <c>author-time</c>, <c>committer</c>…), and always a
/// closing <c>filename</c> line. The result is in line order, neighbouring groups of one commit and
/// file name joined into one span.
/// </summary>
public sealed class BlameIncrementalParser
{
    private readonly Dictionary<string, CommitDetails> _commits = new(StringComparer.Ordinal);
    private readonly List<(string Sha, int Line, int Count, string FileName)> _groups = [];
    private (string Sha, int Line, int Count)? _open;

    /// <summary>One line of git's output, without its newline.</summary>
    public void Add(string line)
    {
        if (_open is not { } group)
        {
            _open = ParseHeader(line);
            return;
        }

        var space = line.IndexOf(' ');
        var (tag, value) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
        if (tag == "filename")
        {
            _groups.Add((group.Sha, group.Line, group.Count, value));
            _open = null;
            return;
        }

        var details = Details(group.Sha);
        switch (tag)
        {
            case "author": details.AuthorName = value; break;
            case "author-mail": details.AuthorEmail = Mail(value); break;
            case "author-time": details.AuthorTime = Seconds(value); break;
            case "committer": details.CommitterName = value; break;
            case "committer-mail": details.CommitterEmail = Mail(value); break;
            case "committer-time": details.CommitterTime = Seconds(value); break;
        }
    }

    public IReadOnlyList<BlameSpan> Spans()
    {
        var spans = new List<BlameSpan>();
        foreach (var group in _groups.OrderBy(g => g.Line))
        {
            if (spans.Count > 0 && spans[^1] is var last && last.CommitId == group.Sha && last.FileName == group.FileName
                && last.LineNumber + last.SpannedLines == group.Line)
            {
                spans[^1] = last with { SpannedLines = last.SpannedLines + group.Count };
                continue;
            }

            var details = Details(group.Sha);
            spans.Add(new BlameSpan(
                group.Sha,
                new BlamePerson(details.AuthorName, details.AuthorEmail), details.AuthorTime * 1000,
                new BlamePerson(details.CommitterName, details.CommitterEmail), details.CommitterTime * 1000,
                group.FileName, group.Line, group.Count));
        }

        return spans;
    }

    private static (string, int, int) ParseHeader(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 4 || parts[0].Length < 40 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var result)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"Not a git blame group header: '{(line.Length <= 80 ? line : line[..80])}'.");
        }

        return (parts[0], result, count);
    }

    private CommitDetails Details(string sha)
    {
        if (!_commits.TryGetValue(sha, out var details))
        {
            _commits[sha] = details = new CommitDetails();
        }

        return details;
    }

    private static string Mail(string value) => value.StartsWith('<') && value.EndsWith('>') ? value[1..^1] : value;

    private static long Seconds(string value) => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;

    private sealed class CommitDetails
    {
        public string AuthorName { get; set; } = "";

        public string AuthorEmail { get; set; } = "";

        public long AuthorTime { get; set; }

        public string CommitterName { get; set; } = "";

        public string CommitterEmail { get; set; } = "";

        public long CommitterTime { get; set; }
    }
}
