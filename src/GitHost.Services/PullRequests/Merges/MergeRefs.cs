using GitHost.Git.Reading;
using GitHost.Services.Content.Refs;
using LibGit2Sharp;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// <c>refs/pull-requests/{id}/merge</c>: the merge of the source into the target as it would be now,
/// for CI to fetch and build. Written when the pull request merges cleanly, removed when it conflicts
/// or is merged. Only GitHost moves it (pushes to <c>refs/pull-requests/</c> are refused). The commit
/// is made from the two heads alone (fixed identity, the source head's time), so refreshing an
/// unchanged pull request writes nothing new.
/// </summary>
public sealed class MergeRefs(GitRepositoryOpener opener, PullRequestGit git, RefUpdater refs)
{
    private const string Identity = "GitHost";
    private const string IdentityEmail = "noreply@githost.invalid";

    /// <summary>Points the merge ref at the merge of <paramref name="source"/> into <paramref name="target"/> (its tree given), unless it already does.</summary>
    public async Task PublishAsync(long repositoryId, long number, string target, string source, string tree, CancellationToken cancellationToken)
    {
        var name = PullRequestGit.MergeRef(number);
        var current = git.Resolve(repositoryId, name);
        string merge;
        using (var repo = opener.Open(repositoryId))
        {
            if (current is not null && repo.Lookup<Commit>(current) is { } existing
                && existing.Parents.Select(p => p.Sha).SequenceEqual([target, source]) && existing.Tree.Sha == tree)
            {
                return;
            }

            var head = repo.Lookup<Commit>(source);
            var signature = new Signature(Identity, IdentityEmail, head.Committer.When);
            merge = repo.ObjectDatabase.CreateCommit(
                signature, signature, $"Merge {source} into {target}\n", repo.Lookup<Tree>(tree),
                [repo.Lookup<Commit>(target), head], prettifyMessage: false).Sha;
        }

        // Losing the race means another request refreshed it at the same moment: either result is current.
        await refs.CompareAndSwapAsync(repositoryId, name, merge, current ?? RefUpdater.ZeroId, cancellationToken);
    }

    public async Task RemoveAsync(long repositoryId, long number, CancellationToken cancellationToken)
    {
        var name = PullRequestGit.MergeRef(number);
        if (git.Resolve(repositoryId, name) is { } current)
        {
            await refs.CompareAndSwapAsync(repositoryId, name, RefUpdater.ZeroId, current, cancellationToken);
        }
    }
}
