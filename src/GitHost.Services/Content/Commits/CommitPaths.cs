using GitHost.Core.Failures;

namespace GitHost.Services.Content.Commits;

/// <summary>Normalises a repository path given in a query (<c>path=</c>): no leading or trailing '/', no "." or ".." segments, no control characters.</summary>
public static class CommitPaths
{
    public static string? Parse(string? path, string context = "path")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var trimmed = path.Trim('/');
        var segments = trimmed.Split('/');
        if (trimmed.Length == 0 || trimmed.Length > 4096 || trimmed.StartsWith('-')
            || segments.Any(s => s is "" or "." or "..") || trimmed.Any(char.IsControl))
        {
            throw GitHostException.Invalid($"'{new string(path.Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray())}' is not a valid path.", context);
        }

        return trimmed;
    }
}
