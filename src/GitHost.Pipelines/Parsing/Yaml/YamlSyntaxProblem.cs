using GitHost.Pipelines.Parsing.Problems;
using YamlDotNet.Core;

namespace GitHost.Pipelines.Parsing.Yaml;

/// <summary>
/// Words a YamlDotNet syntax error for someone editing a pipelines file, and points at the real
/// culprit where YamlDotNet's mark does not: for a tab it marks the start of the enclosing map.
/// </summary>
internal static class YamlSyntaxProblem
{
    public static void Report(ProblemCollector problems, YamlException ex, string text)
    {
        var at = WithinText(YamlPosition.From(ex.Start), text);
        if (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FindIndentingTab(text, at.Line) is { } tab)
        {
            problems.Add(tab, "", "the file is not valid YAML: a tab is used for indentation",
                "Indent with spaces; YAML does not allow tabs for indentation.");
            return;
        }

        var hint = StartsWithStar(LineAt(text, at.Line)) || StartsWithStar(LineAt(text, at.Line - 1))
            ? "Quote glob patterns that start with *: write '*': or '**': (unquoted, * starts an alias)."
            : "Check the indentation, quotes and brackets on this line and the one before it.";
        problems.Add(at, "", $"the file is not valid YAML: {Reason(ex.Message)}", hint);
    }

    /// <summary>YamlDotNet's message as the end of a sentence: "While parsing…." becomes "while parsing…".</summary>
    public static string Reason(string message)
    {
        var reason = message.Split(" (Parameter", 2)[0].Trim().TrimEnd('.');
        return reason.Length == 0 ? "YamlDotNet could not read it" : char.ToLowerInvariant(reason[0]) + reason[1..];
    }

    /// <summary>At the end of a file without a final newline YamlDotNet marks a line past the last one.</summary>
    private static YamlPosition WithinText(YamlPosition at, string text)
    {
        var lines = 0;
        var lastLength = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lines++;
            lastLength = line.Length;
        }

        return at.Line <= lines ? at : new YamlPosition(Math.Max(lines, 1), lastLength + 1);
    }

    private static YamlPosition? FindIndentingTab(string text, int fromLine)
    {
        var lineNumber = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (lineNumber < fromLine)
            {
                continue;
            }

            var indent = line.IndexOfAnyExcept(' ', '\t');
            var tab = line[..(indent < 0 ? line.Length : indent)].IndexOf('\t');
            if (tab >= 0)
            {
                return new YamlPosition(lineNumber, tab + 1);
            }
        }

        return null;
    }

    private static bool StartsWithStar(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart(' ');
        if (trimmed.StartsWith("- "))
        {
            trimmed = trimmed[2..].TrimStart(' ');
        }

        return trimmed.StartsWith('*');
    }

    private static ReadOnlySpan<char> LineAt(string text, int line)
    {
        var number = 0;
        foreach (var current in text.AsSpan().EnumerateLines())
        {
            if (++number == line)
            {
                return current;
            }
        }

        return [];
    }
}
