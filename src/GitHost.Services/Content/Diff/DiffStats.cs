using System.Text.RegularExpressions;

namespace GitHost.Services.Content.Diff;

/// <summary>Bitbucket's diff-stats-summary: how many files a diff touches and lines it adds and removes.</summary>
public sealed partial record DiffStats(int FilesChanged, int LinesAdded, int LinesRemoved)
{
    public static DiffStats Parse(string shortStat) => new(Count(Files(), shortStat), Count(Insertions(), shortStat), Count(Deletions(), shortStat));

    private static int Count(Regex pattern, string text) =>
        pattern.Match(text) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"(\d+) files? changed")]
    private static partial Regex Files();

    [GeneratedRegex(@"(\d+) insertions?\(\+\)")]
    private static partial Regex Insertions();

    [GeneratedRegex(@"(\d+) deletions?\(-\)")]
    private static partial Regex Deletions();
}
