using System.Buffers;

namespace GitHost.Pipelines.Parsing.Problems;

/// <summary>
/// Paths in messages: <c>pipelines.branches.main[0].step</c>. A key that is not a plain name (a glob
/// like <c>feature/*</c>, a name with dots or spaces) is quoted so the path stays readable.
/// </summary>
internal static class YamlPath
{
    private static readonly SearchValues<char> PlainKeyChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_/");

    public static string Key(string parent, string key)
    {
        var text = key.Length > 0 && !key.AsSpan().ContainsAnyExcept(PlainKeyChars)
            ? key
            : "\"" + Shorten(key).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        return parent.Length == 0 ? text : parent + "." + text;
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>Keeps a hostile kilobyte-long key from making every message a kilobyte long.</summary>
    public static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
