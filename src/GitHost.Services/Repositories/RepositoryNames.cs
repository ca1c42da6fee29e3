using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Git;

namespace GitHost.Services.Repositories;

/// <summary>
/// Parses the names and default branches callers give repositories. A name must start with a
/// letter or digit and hold only letters, digits, spaces, '-', '_' and '.', so "../x", "a/b", control
/// and bidirectional-override characters are refused before anything is created. The slug is
/// derived from the name and never taken from the caller.
/// </summary>
public static class RepositoryNames
{
    public const string DefaultBranch = "main";

    public static (string Name, RepoSlug Slug) Parse(string? input)
    {
        var name = input?.Trim();
        if (!RepositoryName.IsValid(name) || !char.IsLetterOrDigit(name![0]) || !name.All(IsAllowed)
            || !RepoSlug.TryFromName(name, out var slug))
        {
            throw GitHostException.Invalid(
                "Repository names must start with a letter or number and may only contain letters, numbers, spaces, "
                + "hyphens (-), underscores (_) and full stops (.), up to 128 characters.", "name");
        }

        return (name, slug.Value);
    }

    /// <summary>A short branch name (<c>refs/heads/</c> is dropped), or <paramref name="fallback"/> when none is given.</summary>
    public static string ParseBranch(string? input, string fallback)
    {
        if (input is null)
        {
            return fallback;
        }

        var branch = RefNames.ShortBranch(input.Trim());
        return BranchName.IsValid(branch)
            ? branch
            : throw GitHostException.Invalid($"'{input}' is not a valid branch name.", "defaultBranch");
    }

    public static void EnsureGitScm(string? scmId)
    {
        if (scmId is not null && !string.Equals(scmId.Trim(), "git", StringComparison.OrdinalIgnoreCase))
        {
            throw GitHostException.Invalid($"'{scmId}' is not a supported SCM; only 'git' is.", "scmId");
        }
    }

    private static bool IsAllowed(char c) => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.';
}
