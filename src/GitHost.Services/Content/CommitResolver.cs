using GitHost.Core.Failures;
using GitHost.Core.Naming;
using LibGit2Sharp;

namespace GitHost.Services.Content;

/// <summary>
/// Turns the <c>at</c>, <c>until</c>, <c>since</c>, <c>from</c>/<c>to</c> and <c>startPoint</c> values
/// of the REST API into a commit, the way Bitbucket reads them: a full ref (<c>refs/heads/x</c>,
/// <c>refs/tags/v1</c>), a short branch name, a short tag name, or a full or abbreviated (4+ hex
/// digits) commit id. Nothing else: no revision expressions (<c>main~1</c>, <c>a..b</c>,
/// <c>@{-1}</c>), so user input is never handed to git's rev-parse grammar.
/// <code>
/// using var repo = opener.Open(repositoryId);
/// var commit = CommitResolver.Resolve(repo, at, "at");          // 400 if hostile, 404 NoSuchCommitException if unknown
/// var tip = CommitResolver.TryResolve(repo, null, "until");     // default branch tip, or null in an empty repository
/// </code>
/// Lookup order: a value starting with <c>refs/</c> is a ref only; a full 40-digit id is a commit
/// id first; otherwise <c>refs/heads/</c>, then <c>refs/tags/</c>, then an abbreviated id. Annotated
/// tags are peeled to their commit.
/// </summary>
public static class CommitResolver
{
    private const int MaxLength = 1024;

    /// <summary>The commit <paramref name="at"/> names; null or empty means the tip of the default branch (HEAD).</summary>
    /// <exception cref="GitHostException">Invalid (400) for hostile input; NotFound (404, NoSuchCommitException) when nothing matches.</exception>
    public static Commit Resolve(Repository repo, string? at, string context = "at") =>
        TryResolve(repo, at, context) ?? throw NotFound(at, context);

    /// <summary>As <see cref="Resolve"/>, but null when nothing matches (or the default branch has no commit yet).</summary>
    public static Commit? TryResolve(Repository repo, string? at, string context = "at")
    {
        if (string.IsNullOrEmpty(at))
        {
            return repo.Head?.Tip;
        }

        EnsureSafe(at, context);
        if (at.StartsWith("refs/", StringComparison.Ordinal))
        {
            return Peel(repo.Refs[at]);
        }

        if (IsHex(at) && at.Length == 40)
        {
            return repo.Lookup<Commit>(new ObjectId(at))
                ?? Peel(repo.Refs["refs/heads/" + at]) ?? Peel(repo.Refs["refs/tags/" + at]);
        }

        return Peel(repo.Refs["refs/heads/" + at])
            ?? Peel(repo.Refs["refs/tags/" + at])
            ?? (IsHex(at) && at.Length >= 4 ? LookupAbbreviated(repo, at) : null);
    }

    /// <summary>
    /// A commit named in a URL (<c>commits/{commitId}</c>): a full or abbreviated id, or, as Bitbucket
    /// resolves it too (scripts call <c>commits/main</c>), a branch or tag name, with the same lookup
    /// order as <see cref="Resolve"/>. Never empty: no default branch is assumed.
    /// </summary>
    public static Commit ResolveId(Repository repo, string commitId, string context = "commitId")
    {
        EnsureSafe(commitId, context);
        return Resolve(repo, commitId, context);
    }

    /// <summary>
    /// Refuses values that could be mistaken for an option or that are not a possible ref name or id:
    /// a leading '-', "..", "@{", control characters (NUL included) and the other characters
    /// git's check-ref-format forbids.
    /// </summary>
    public static void EnsureSafe(string value, string context)
    {
        if (value.Length > MaxLength || !BranchName.IsValid(value))
        {
            throw GitHostException.Invalid($"'{Printable(value)}' is not a valid ref name or commit id.", context);
        }
    }

    public static GitHostException NotFound(string? value, string context) =>
        new(FailureKind.NotFound,
            string.IsNullOrEmpty(value)
                ? "The repository's default branch has no commits."
                : $"Commit '{Printable(value)}' does not exist in this repository.",
            context, ContentExceptionNames.NoSuchCommit);

    private static Commit? LookupAbbreviated(Repository repo, string prefix)
    {
        try
        {
            // The value is only hex digits here, so rev-parse sees an object id prefix and nothing else.
            return repo.Lookup<Commit>(prefix);
        }
        catch (AmbiguousSpecificationException)
        {
            return null;
        }
    }

    /// <summary>The commit a ref finally points at: annotated tags (even tags of tags) are followed; a tag of a tree or blob is no commit.</summary>
    public static Commit? Peel(Reference? reference) => Peel(reference?.ResolveToDirectReference()?.Target);

    /// <summary>The commit an object finally is: annotated tags followed, anything else no commit.</summary>
    public static Commit? Peel(GitObject? target)
    {
        while (target is TagAnnotation annotation)
        {
            target = annotation.Target;
        }

        return target as Commit;
    }

    private static bool IsHex(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Error messages echo the input without control characters, so a NUL never reaches a log or a client.</summary>
    private static string Printable(string value)
    {
        var cut = value.Length > 100 ? value[..100] : value;
        return new string(cut.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
