using GitHost.Services.PullRequests.Listing;
using GitHost.Core.Security;
using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Deletes a pull request with everything that hangs off it (comments, participants, activities) and
/// its hidden refs, at the version the client read: the author or a repository administrator.
/// </summary>
public sealed class PullRequestDeletion(
    GitHostDbContext db, PullRequestAccess access, PullRequestGit git, PullRequestEvents events, PullRequestViews views)
{
    public async Task DeleteAsync(Principal principal, string projectKey, string slug, long number, int? version, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        PullRequestAccess.DemandDeleter(principal, target);
        var pullRequest = target.PullRequest;
        PullRequestVersions.Demand(PullRequestVersions.Required(version), pullRequest);
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await events.AddAsync(PullRequestEvents.Deleted, principal, view, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // Comments refer to the pull request and to each other without cascades (SQL Server allows
        // one cascade path); replies first, then the threads, then the pull request itself.
        var commentIds = db.Comments.Where(c => c.PullRequestId == pullRequest.Id).Select(c => c.Id);
        await db.CommentReactions.Where(r => commentIds.Contains(r.CommentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Comments.Where(c => c.PullRequestId == pullRequest.Id && c.ParentId != null).ExecuteDeleteAsync(cancellationToken);
        await db.Comments.Where(c => c.PullRequestId == pullRequest.Id).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.PullRequests.Where(p => p.Id == pullRequest.Id && p.Version == pullRequest.Version).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            throw PullRequestFailures.StaleVersion(version, pullRequest.Version + 1);
        }

        await PullRequestListStamp.BumpAsync(db, pullRequest.RepositoryId, cancellationToken);

        await git.DeleteRefsAsync(pullRequest.RepositoryId, pullRequest.Number, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
