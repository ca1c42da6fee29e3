using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace GitHost.Core.Naming;

/// <summary>
/// A repository slug: lower-case ASCII letters, digits, '-', '_' and '.', not starting with '.'
/// or '-', never "." or "..", at most 128 characters. Slugs appear in URLs and clone paths, so
/// anything that could walk a path or confuse a shell is refused.
/// </summary>
public readonly record struct RepoSlug
{
    public const int MaxLength = 128;

    private RepoSlug(string value) => Value = value;

    public string Value { get; }

    /// <summary>Parses a slug from a URL; lookups are case-insensitive as in Bitbucket.</summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out RepoSlug? slug)
    {
        slug = null;
        if (string.IsNullOrEmpty(input) || input.Length > MaxLength || input[0] is '.' or '-')
        {
            return false;
        }

        foreach (var c in input)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        if (input.EndsWith(".git", StringComparison.OrdinalIgnoreCase) || input.Contains(".."))
        {
            return false;
        }

        slug = new RepoSlug(input.ToLowerInvariant());
        return true;
    }

    /// <summary>
    /// Derives a slug from a repository name the way Bitbucket does: lower case, runs of characters
    /// outside the slug alphabet become one '-'. Returns false when nothing usable is left.
    /// </summary>
    public static bool TryFromName(string? name, [NotNullWhen(true)] out RepoSlug? slug)
    {
        slug = null;
        if (!RepositoryName.IsValid(name))
        {
            return false;
        }

        var builder = new StringBuilder(name!.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var candidate = builder.ToString().Trim('-', '.');
        while (candidate.Contains(".."))
        {
            candidate = candidate.Replace("..", ".", StringComparison.Ordinal);
        }

        if (candidate.EndsWith(".git", StringComparison.Ordinal))
        {
            candidate = candidate[..^4].TrimEnd('-', '.');
        }

        return TryParse(candidate, out slug);
    }

    public override string ToString() => Value;
}
