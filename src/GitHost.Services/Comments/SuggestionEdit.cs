namespace GitHost.Services.Comments;

/// <summary>
/// Replaces lines <c>first..last</c> (1-based, inclusive) of a text file with a suggestion's lines,
/// keeping the file's line endings: the suggested lines take the ending of the replaced lines, and
/// the last one takes the ending of the last replaced line (none when that was the file's unterminated last line).
/// <code>
/// SuggestionEdit.Replace("one\r\ntwo\r\nthree", 2, 2, ["2", "2.5"])  // "one\r\n2\r\n2.5\r\nthree"
/// </code>
/// Returns null when the file has fewer than <paramref name="last"/> lines.
/// </summary>
public static class SuggestionEdit
{
    public static string? Replace(string content, int first, int last, IReadOnlyList<string> replacement)
    {
        var lines = Lines(content);
        if (first < 1 || last < first || last > lines.Count)
        {
            return null;
        }

        var lastEnding = lines[last - 1].Ending;
        var newline = lastEnding.Length > 0 ? lastEnding : lines.Select(l => l.Ending).FirstOrDefault(e => e.Length > 0) ?? "\n";
        var result = new System.Text.StringBuilder(content.Length + replacement.Sum(l => l.Length + 2));
        foreach (var line in lines.Take(first - 1))
        {
            result.Append(line.Text).Append(line.Ending);
        }

        for (var i = 0; i < replacement.Count; i++)
        {
            result.Append(replacement[i]).Append(i < replacement.Count - 1 ? newline : lastEnding);
        }

        foreach (var line in lines.Skip(last))
        {
            result.Append(line.Text).Append(line.Ending);
        }

        return result.ToString();
    }

    private static List<(string Text, string Ending)> Lines(string content)
    {
        var lines = new List<(string, string)>();
        var start = 0;
        while (start < content.Length)
        {
            var end = content.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add((content[start..], ""));
                break;
            }

            var crlf = end > start && content[end - 1] == '\r';
            lines.Add((content[start..(crlf ? end - 1 : end)], crlf ? "\r\n" : "\n"));
            start = end + 1;
        }

        return lines;
    }
}
