namespace GitHost.Core.Naming;

/// <summary>
/// A conservative form of git's check-ref-format for branch names given through the API.
/// </summary>
public static class BranchName
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 255 || name.StartsWith('/') || name.EndsWith('/')
            || name.StartsWith('-') || name.EndsWith('.') || name.EndsWith(".lock", StringComparison.Ordinal)
            || name.Contains("..") || name.Contains("//") || name.Contains("@{") || name == "@"
            || name.Contains("/."))
        {
            return false;
        }

        if (name.StartsWith('.'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c < 0x20 || c == 0x7f || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\')
            {
                return false;
            }
        }

        return true;
    }
}
