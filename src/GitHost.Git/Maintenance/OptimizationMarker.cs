using System.Globalization;

namespace GitHost.Git.Maintenance;

/// <summary>
/// <c>githost-optimized</c> at the top of a bare repository: two lines, <c>optimized=</c> and
/// <c>full-repack=</c>, each a Unix time in milliseconds. git ignores unknown files there, and a copy of
/// the repository made with git (clone, fork) does not carry it.
/// </summary>
internal static class OptimizationMarker
{
    private const string OptimizedKey = "optimized=";
    private const string FullRepackKey = "full-repack=";

    public static (DateTimeOffset? LastOptimized, DateTimeOffset? LastFullRepack) Read(string repositoryPath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(repositoryPath, RepositoryFacts.MarkerFileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }

        return (Find(lines, OptimizedKey), Find(lines, FullRepackKey));
    }

    /// <summary>Written through a temporary file and a rename, so that a reader never sees half of it.</summary>
    public static void Write(string repositoryPath, DateTimeOffset optimized, DateTimeOffset? fullRepack)
    {
        var target = Path.Combine(repositoryPath, RepositoryFacts.MarkerFileName);
        var temporary = target + ".tmp";
        var text = OptimizedKey + optimized.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "\n"
            + (fullRepack is { } full ? FullRepackKey + full.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "\n" : "");
        File.WriteAllText(temporary, text);
        File.Move(temporary, target, overwrite: true);
    }

    private static DateTimeOffset? Find(string[] lines, string key)
    {
        foreach (var line in lines)
        {
            if (line.StartsWith(key, StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(key.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }

        return null;
    }
}
