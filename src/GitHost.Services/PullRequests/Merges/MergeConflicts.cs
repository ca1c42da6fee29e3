using GitHost.Git.Commands;
using GitHost.Git.Storage;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>The outcome of merging two commits in memory: the tree, or the files that conflict.</summary>
public sealed record TreeMerge(string? Tree, IReadOnlyList<string> ConflictedFiles)
{
    public bool Conflicted => Tree is null;
}

/// <summary>Merges without a work tree (<c>git merge-tree --write-tree</c>), so nothing on disk is left half-done.</summary>
public sealed class MergeConflicts(BareRepositoryStore store, GitCommandRunner git)
{
    public async Task<TreeMerge> MergeTreesAsync(long repositoryId, string ours, string theirs, CancellationToken cancellationToken)
    {
        var result = await git.Command("merge-tree", "--write-tree", "--name-only", "--no-messages", "-z")
            .GitDir(store.PathOf(repositoryId)).Value(ours).Value(theirs).RunAsync(cancellationToken);
        var parts = result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        return result.ExitCode switch
        {
            0 => new TreeMerge(parts[0].Trim(), []),
            1 => new TreeMerge(null, parts.Skip(1).Distinct(StringComparer.Ordinal).ToList()),
            _ => throw result.ToException(),
        };
    }
}
