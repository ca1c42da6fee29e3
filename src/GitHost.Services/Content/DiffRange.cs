using GitHost.Core.Failures;
using LibGit2Sharp;

namespace GitHost.Services.Content;

/// <summary>
/// The two trees a diff or change list compares, as commit ids git is given (never the caller's
/// text). <see cref="From"/> is null when the diff starts from nothing: a root commit has no parent.
/// </summary>
public sealed record DiffRange(string? From, string To)
{
    /// <summary>git's well-known id of the empty tree (SHA-1), which every git knows without storing it.</summary>
    public const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    public string FromTreeish => From ?? EmptyTree;

    /// <summary><c>since</c>..<c>until</c>: what <c>until</c> changed since <c>since</c> (default: its first parent).</summary>
    public static DiffRange SinceUntil(Repository repository, string? since, string? until, string sinceName = "since", string untilName = "until") =>
        Since(repository, CommitResolver.Resolve(repository, until, untilName), since, sinceName);

    /// <summary>What <paramref name="to"/> changed since <paramref name="since"/> (default: its first parent; nothing for a root commit).</summary>
    public static DiffRange Since(Repository repository, Commit to, string? since, string sinceName = "since")
    {
        var from = string.IsNullOrEmpty(since) ? to.Parents.FirstOrDefault() : CommitResolver.Resolve(repository, since, sinceName);
        return new DiffRange(from?.Sha, to.Sha);
    }

    /// <summary>
    /// compare's <c>from</c>/<c>to</c>: what <c>from</c> brings that <c>to</c> lacks, i.e. the diff from
    /// their merge base to <c>from</c> (git's three-dot diff, as a pull request shows it).
    /// </summary>
    public static DiffRange Compare(Repository repository, string? from, string? to)
    {
        if (string.IsNullOrEmpty(from))
        {
            throw GitHostException.Invalid("from is required.", "from");
        }

        var source = CommitResolver.Resolve(repository, from, "from");
        var target = CommitResolver.Resolve(repository, to, "to");
        var mergeBase = repository.ObjectDatabase.FindMergeBase(source, target);
        return new DiffRange(mergeBase?.Sha, source.Sha);
    }
}
