using GitHost.Core.Failures;
using LibGit2Sharp;

namespace GitHost.Services.Content.Files;

// Folded into CommitResolver when the refs feature lands.

/// <summary>
/// Resolves the commit-ish a content request names (<c>at</c>, <c>since</c>, <c>until</c>, <c>from</c>,
/// <c>to</c>): a full ref (<c>refs/heads/main</c>), a short branch or tag name (branches win), or a
/// full or abbreviated commit id. No revision syntax (<c>~</c>, <c>^</c>, <c>..</c>, <c>@{</c>) is
/// accepted, so a value can never be read by git as anything but a name; hostile values are 400,
/// names that do not resolve 404.
/// </summary>
internal static class FilesCommitResolution
{
    public const string NoSuchCommit = "com.atlassian.bitbucket.commit.NoSuchCommitException";

    private const int MaxLength = 1024;

    /// <summary>The commit <paramref name="value"/> names, or the default branch's tip when it is empty.</summary>
    public static Commit Resolve(Repository repository, string? value, string context)
    {
        if (string.IsNullOrEmpty(value))
        {
            return repository.Head?.Tip
                ?? throw new GitHostException(FailureKind.NotFound, "The repository is empty: it has no default branch to read.", context, NoSuchCommit);
        }

        Validate(value, context);
        if (value.StartsWith("refs/", StringComparison.Ordinal))
        {
            return Peel(repository.Refs[value]?.ResolveToDirectReference()?.Target, value, context);
        }

        foreach (var prefix in new[] { "refs/heads/", "refs/tags/" })
        {
            var reference = repository.Refs[prefix + value];
            if (reference is not null)
            {
                return Peel(reference.ResolveToDirectReference()?.Target, value, context);
            }
        }

        if (value.Length is >= 4 and <= 40 && value.All(char.IsAsciiHexDigit))
        {
            try
            {
                return Peel(repository.Lookup(value), value, context);
            }
            catch (AmbiguousSpecificationException)
            {
                throw GitHostException.Invalid($"'{value}' is ambiguous: give more characters of the commit id.", context);
            }
        }

        throw Missing(value, context);
    }

    private static void Validate(string value, string context)
    {
        var hostile = value.Length > MaxLength
            || value.StartsWith('-') || value.StartsWith('/') || value.EndsWith('/') || value.EndsWith('.') || value.EndsWith(".lock", StringComparison.Ordinal)
            || value.Contains("..", StringComparison.Ordinal) || value.Contains("@{", StringComparison.Ordinal) || value.Contains("//", StringComparison.Ordinal)
            || value == "@"
            || value.Any(c => char.IsControl(c) || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\');
        if (hostile)
        {
            throw GitHostException.Invalid($"'{Printable(value)}' is not a valid ref name or commit id.", context);
        }
    }

    private static Commit Peel(GitObject? target, string value, string context)
    {
        try
        {
            // Annotated tags peel to their commit; a ref or tag naming a tree or blob is no commit.
            return target?.Peel<Commit>() ?? throw Missing(value, context);
        }
        catch (LibGit2SharpException)
        {
            throw Missing(value, context);
        }
    }

    private static GitHostException Missing(string value, string context) =>
        new(FailureKind.NotFound, $"Commit '{value}' does not exist in this repository.", context, NoSuchCommit);

    private static string Printable(string value) =>
        new(value.Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
