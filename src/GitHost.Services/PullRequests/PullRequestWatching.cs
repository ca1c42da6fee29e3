using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary><c>POST|DELETE .../watch</c>: who is told of a pull request's activity. Authors, reviewers and commenters watch by default.</summary>
public sealed class PullRequestWatching(GitHostDbContext db, PullRequestAccess access)
{
    public async Task WatchAsync(Principal principal, string projectKey, string slug, long number, bool watch, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        if (watch)
        {
            await EnsureWatchingAsync(db, target.PullRequest.Id, userId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await db.PullRequestWatchers.Where(w => w.PullRequestId == target.PullRequest.Id && w.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>Adds the watcher row to the unit of work unless it exists (saved or pending).</summary>
    public static async Task EnsureWatchingAsync(GitHostDbContext db, long pullRequestId, long userId, CancellationToken cancellationToken)
    {
        if (db.PullRequestWatchers.Local.Any(w => w.PullRequestId == pullRequestId && w.UserId == userId)
            || await db.PullRequestWatchers.AnyAsync(w => w.PullRequestId == pullRequestId && w.UserId == userId, cancellationToken))
        {
            return;
        }

        db.PullRequestWatchers.Add(new PullRequestWatcherEntity { PullRequestId = pullRequestId, UserId = userId });
    }
}
