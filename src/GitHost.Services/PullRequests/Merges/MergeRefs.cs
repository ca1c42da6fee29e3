using GitHost.Services.Content.Refs;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// <c>refs/pull-requests/{id}/merge</c>: the merge of the source into the target as it would be now,
/// for CI to fetch and build. Written when the pull request merges cleanly, removed when it conflicts
/// or closes. Only GitHost moves it (pushes to <c>refs/pull-requests/</c> are refused).
/// </summary>
public sealed class MergeRefs(PullRequestGit git, RefUpdater refs)
{
    public async Task RemoveAsync(long repositoryId, long number, CancellationToken cancellationToken)
    {
        var name = PullRequestGit.MergeRef(number);
        if (git.Resolve(repositoryId, name) is { } current)
        {
            await refs.CompareAndSwapAsync(repositoryId, name, RefUpdater.ZeroId, current, cancellationToken);
        }
    }
}
