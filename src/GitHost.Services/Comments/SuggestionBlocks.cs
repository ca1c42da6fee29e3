namespace GitHost.Services.Comments;

/// <summary>
/// The <c>```suggestion</c> fenced blocks of a comment's markdown, in order, as Bitbucket numbers them
/// for <c>suggestionIndex</c>. Fences follow CommonMark: three or more backticks or tildes, indented
/// by at most three spaces, closed by a fence of the same character at least as long; a block left
/// open runs to the end of the text. A suggestion fence inside another code block is only text.
/// <code>
/// Use a constant:
/// ```suggestion
/// const int Limit = 10;
/// ```
/// </code>
/// gives one block whose lines are <c>["const int Limit = 10;"]</c>; an empty block suggests deleting the lines.
/// </summary>
public static class SuggestionBlocks
{
    private const string Info = "suggestion";

    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        var blocks = new List<IReadOnlyList<string>>();
        List<string>? current = null;
        var fence = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (fence.Length == 0)
            {
                if (Opening(line) is { } opened)
                {
                    fence = opened.Fence;
                    current = opened.IsSuggestion ? [] : null;
                }

                continue;
            }

            if (IsClosing(line, fence))
            {
                if (current is not null)
                {
                    blocks.Add(current);
                }

                fence = "";
                current = null;
                continue;
            }

            current?.Add(line);
        }

        if (current is not null)
        {
            blocks.Add(current);
        }

        return blocks;
    }

    private static (string Fence, bool IsSuggestion)? Opening(string line)
    {
        var body = Unindent(line);
        if (body is null || body.Length < 3 || (body[0] != '`' && body[0] != '~'))
        {
            return null;
        }

        var marker = body[0];
        var length = 0;
        while (length < body.Length && body[length] == marker)
        {
            length++;
        }

        var info = body[length..].Trim();
        if (length < 3 || (marker == '`' && info.Contains('`')))
        {
            return null;
        }

        var word = info.Split([' ', '\t'], 2)[0];
        return (new string(marker, length), string.Equals(word, Info, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsClosing(string line, string fence)
    {
        var body = Unindent(line)?.TrimEnd(' ', '\t');
        return body is not null && body.Length >= fence.Length && body.All(c => c == fence[0]);
    }

    /// <summary>The line without up to three leading spaces; null when indented further (an indented code line).</summary>
    private static string? Unindent(string line)
    {
        var spaces = 0;
        while (spaces < line.Length && line[spaces] == ' ')
        {
            spaces++;
        }

        return spaces > 3 ? null : line[spaces..];
    }
}
