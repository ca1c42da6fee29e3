using GitHost.Git.Reading;
using GitHost.Services.PullRequests.Rebases;
using LibGit2Sharp;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// Computes the commit a strategy makes of a pull request, without a work tree: trees from
/// <c>git merge-tree --write-tree</c> (or <see cref="CommitReplay"/> for the rebase
/// strategies), commits written as objects only. No ref moves here; the caller publishes the result
/// with a compare-and-swap, so a result that loses the race is just an unreferenced object.
/// </summary>
public sealed class MergeCommits(GitRepositoryOpener opener, MergeConflicts conflicts, PullRequestGit git, CommitReplay replay)
{
    /// <summary>The commit the target branch should point at after merging <paramref name="source"/> into <paramref name="target"/>.</summary>
    public async Task<string> BuildAsync(
        long repositoryId, string strategyId, string target, string source, string message, Signature merger, CancellationToken cancellationToken)
    {
        var fastForward = await git.IsAncestorAsync(repositoryId, target, source, cancellationToken);
        switch (strategyId)
        {
            case "ff" when fastForward:
            case "ff-only" when fastForward:
                return source;
            case "ff-only":
            case "squash-ff-only" when !fastForward:
                throw MergeFailures.NotFastForward(strategyId);
            case "squash":
            case "squash-ff-only":
                return Commit(repositoryId, await TreeAsync(repositoryId, target, source, cancellationToken), [target], message, merger);
            case "rebase-ff-only":
                return fastForward ? source : Rebase(repositoryId, target, source, merger);
            case "rebase-no-ff":
                var rebased = fastForward ? source : Rebase(repositoryId, target, source, merger);
                return Commit(repositoryId, TreeOf(repositoryId, rebased), [target, rebased], message, merger);
            default:
                return Commit(repositoryId, await TreeAsync(repositoryId, target, source, cancellationToken), [target, source], message, merger);
        }
    }

    /// <summary>The newest <paramref name="limit"/> commits the source brings (id and subject), for the merge message.</summary>
    public IReadOnlyList<(string Id, string Subject)> Summaries(long repositoryId, string target, string source, int limit)
    {
        using var repo = opener.Open(repositoryId);
        var filter = new CommitFilter { IncludeReachableFrom = source, ExcludeReachableFrom = target, SortBy = CommitSortStrategies.Topological };
        return repo.Commits.QueryBy(filter).Take(limit).Select(c => (c.Sha, c.MessageShort)).ToList();
    }

    private async Task<string> TreeAsync(long repositoryId, string target, string source, CancellationToken cancellationToken)
    {
        var merge = await conflicts.MergeTreesAsync(repositoryId, target, source, cancellationToken);
        return merge.Tree ?? throw MergeFailures.Conflicted(merge.ConflictedFiles);
    }

    private string Rebase(long repositoryId, string target, string source, Signature merger)
    {
        var replayed = replay.Replay(repositoryId, target, source, merger);
        return replayed.Head ?? throw MergeFailures.Conflicted(replayed.ConflictedFiles);
    }

    private string TreeOf(long repositoryId, string commit)
    {
        using var repo = opener.Open(repositoryId);
        return repo.Lookup<Commit>(commit).Tree.Sha;
    }

    private string Commit(long repositoryId, string tree, IReadOnlyList<string> parents, string message, Signature merger)
    {
        using var repo = opener.Open(repositoryId);
        var created = repo.ObjectDatabase.CreateCommit(
            merger, merger, message, repo.Lookup<Tree>(tree), parents.Select(p => repo.Lookup<Commit>(p)).ToList(), prettifyMessage: false);
        return created.Sha;
    }
}
