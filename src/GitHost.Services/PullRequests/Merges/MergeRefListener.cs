using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>Keeps <c>refs/pull-requests/{id}/merge</c> current when either branch of an open pull request moves.</summary>
public sealed class MergeRefListener(GitHostDbContext db, MergeConflicts conflicts, MergeRefs mergeRefs) : IPullRequestRescopeListener
{
    public async Task RescopedAsync(PullRequestRescoped rescoped, CancellationToken cancellationToken)
    {
        var number = await db.PullRequests.AsNoTracking().Where(p => p.Id == rescoped.PullRequestId).Select(p => p.Number).FirstAsync(cancellationToken);
        var merge = await conflicts.MergeTreesAsync(rescoped.RepositoryId, rescoped.NewToCommit, rescoped.NewFromCommit, cancellationToken);
        if (merge.Tree is { } tree)
        {
            await mergeRefs.PublishAsync(rescoped.RepositoryId, number, rescoped.NewToCommit, rescoped.NewFromCommit, tree, cancellationToken);
        }
        else
        {
            await mergeRefs.RemoveAsync(rescoped.RepositoryId, number, cancellationToken);
        }
    }
}
