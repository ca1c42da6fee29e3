namespace GitHost.Core.Naming;

/// <summary>Rules for the display name of a repository or project.</summary>
public static class RepositoryName
{
    public const int MaxLength = 128;

    /// <summary>
    /// A name must be non-blank, at most 128 characters, and free of control and
    /// bidirectional-override characters (which can make a name display as something else).
    /// </summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsControl(c) || IsInvisibleFormatting(c))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsInvisibleFormatting(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'
            or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
