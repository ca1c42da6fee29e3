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
}
