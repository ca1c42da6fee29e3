using GitHost.Core.Failures;
using GitHost.Core.Parsing;

namespace GitHost.Services.Content.Diff;

/// <summary>What a diff request asks for besides the range: a path (and the rename source), context and whitespace.</summary>
public sealed record DiffQuery(ContentPath Path, ContentPath? SourcePath, int ContextLines, bool IgnoreWhitespace)
{
    public const int DefaultContextLines = 10;
    public const int MaxContextLines = 1000;

    public string Whitespace => IgnoreWhitespace ? "IGNORE_ALL" : "SHOW";

    /// <summary>
    /// <c>contextLines</c> read strictly: absent means the default, anything but a whole number from 0 to
    /// <see cref="MaxContextLines"/> is refused, so a typo is not silently served as 10 lines.
    /// </summary>
    public static int? ParseContextLines(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return DecimalDigits.TryParse(value, out int lines) && lines <= MaxContextLines
            ? lines
            : throw GitHostException.Invalid($"contextLines must be a whole number from 0 to {MaxContextLines}; '{Shorten(value)}' is not.", "contextLines");
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    public static DiffQuery Create(string? path, string? sourcePath, int? contextLines, string? whitespace)
    {
        var ignore = whitespace?.Replace("_", "-", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            null or "" or "show" => false,
            "ignore-all" => true,
            _ => throw GitHostException.Invalid($"'{whitespace}' is not a whitespace mode: use show or ignore-all.", "whitespace"),
        };
        var context = contextLines is null or < 0 ? DefaultContextLines : Math.Min(contextLines.Value, MaxContextLines);
        var source = string.IsNullOrEmpty(sourcePath) ? null : ContentPath.Parse(sourcePath, "srcPath");
        return new DiffQuery(ContentPath.Parse(path), source, context, ignore);
    }
}
