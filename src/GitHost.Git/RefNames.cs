namespace GitHost.Git;

public static class RefNames
{
    public const string HeadsPrefix = "refs/heads/";

    /// <summary><c>main</c> → <c>refs/heads/main</c>; a full ref is kept as is.</summary>
    public static string BranchRef(string branch) =>
        branch.StartsWith(HeadsPrefix, StringComparison.Ordinal) ? branch : HeadsPrefix + branch;

    /// <summary><c>refs/heads/main</c> → <c>main</c>.</summary>
    public static string ShortBranch(string branch) =>
        branch.StartsWith(HeadsPrefix, StringComparison.Ordinal) ? branch[HeadsPrefix.Length..] : branch;

    /// <summary>
    /// True when a part of the name (between slashes) starts with '-': handed to git on its own, such
    /// a part (<c>-x</c>, <c>--output=x</c>) is read as an option.
    /// </summary>
    public static bool HasOptionLikePart(string refName) =>
        refName.Split('/').Any(part => part.StartsWith('-'));

    /// <summary>
    /// A folder of refs such as <c>refs/review/</c>: starts with <c>refs/</c>, ends with '/', and
    /// every part in between is one git accepts in a ref name and no git command takes for an option
    /// or a hidden file (a conservative form of check-ref-format).
    /// </summary>
    public static bool IsRefFolder(string? prefix) =>
        prefix is { Length: > 5 } && prefix.StartsWith("refs/", StringComparison.Ordinal) && prefix.EndsWith('/')
        && prefix[5..^1].Split('/').All(IsSafePart);

    private static bool IsSafePart(string part) =>
        part.Length > 0 && !part.StartsWith('.') && !part.StartsWith('-') && !part.EndsWith(".lock", StringComparison.Ordinal)
        && !part.Contains("..", StringComparison.Ordinal) && !part.Contains("@{", StringComparison.Ordinal)
        && part.All(c => c > ' ' && c != '\x7f' && c is not ('~' or '^' or ':' or '?' or '*' or '[' or '\\'));
}
