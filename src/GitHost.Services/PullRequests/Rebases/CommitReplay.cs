using GitHost.Git.Reading;
using LibGit2Sharp;

namespace GitHost.Services.PullRequests.Rebases;

/// <summary>
/// The head a replay produced and how many of the source's commits it kept; or, when a commit did not
/// apply, that commit and the files that conflicted (<see cref="Head"/> null).
/// </summary>
public sealed record ReplayResult(string? Head, int Kept, string? ConflictingCommit, IReadOnlyList<string> ConflictedFiles)
{
    public bool Conflicted => Head is null;
}

/// <summary>
/// Replays a branch's own commits onto another commit, oldest first, as <c>git rebase</c> does, without
/// a work tree: an in-memory cherry-pick per commit, commits written as objects only. Merge commits are
/// dropped, commits that become empty are skipped, authors are kept and the acting user becomes the
/// committer. The rebase merge strategies and the pull request rebase both use it; neither moves a
/// ref here, so a result that is never published is just unreferenced objects for gc.
/// <code>
/// var replay = replays.Replay(repositoryId, onto: targetHead, source: sourceHead, committer);
/// // replay.Head: the new source head (null when replay.Conflicted); replay.Kept == 0: every commit was already in the target.
/// </code>
/// </summary>
public sealed class CommitReplay(GitRepositoryOpener opener)
{
    public ReplayResult Replay(long repositoryId, string onto, string source, Signature committer)
    {
        using var repo = opener.Open(repositoryId);
        var head = repo.Lookup<Commit>(onto);
        var filter = new CommitFilter
        {
            IncludeReachableFrom = source,
            ExcludeReachableFrom = onto,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        };
        var kept = 0;
        foreach (var commit in repo.Commits.QueryBy(filter).ToList())
        {
            if (commit.Parents.Count() != 1)
            {
                continue;
            }

            var picked = repo.ObjectDatabase.CherryPickCommit(commit, head, 0, new MergeTreeOptions { FailOnConflict = false });
            if (picked.Status == MergeTreeStatus.Conflicts)
            {
                var files = picked.Conflicts.Select(c => (c.Ours ?? c.Theirs ?? c.Ancestor).Path).Distinct(StringComparer.Ordinal).ToList();
                return new ReplayResult(null, kept, commit.Sha, files);
            }

            if (picked.Tree.Id == head.Tree.Id)
            {
                continue;
            }

            head = repo.ObjectDatabase.CreateCommit(commit.Author, committer, commit.Message, picked.Tree, [head], prettifyMessage: false);
            kept++;
        }

        return new ReplayResult(head.Sha, kept, null, []);
    }
}
