using GitHost.Services.PullRequests.Listing;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.PullRequests.Rescoping;

/// <summary>
/// Follows moved refs into open pull requests, as Bitbucket does after every push:
/// <list type="bullet">
/// <item>source or target moved: new hashes, a version bump, a RESCOPED activity with the commits
/// added and removed, <c>pr:from_ref_updated</c> / <c>pr:to_ref_updated</c>, the hidden
/// <c>refs/pull-requests/{id}/from</c> moved, then every <see cref="IPullRequestRescopeListener"/>;</item>
/// <item>the source head is now in the target: MERGED (activity and <c>pr:merged</c>), merged outside GitHost;</item>
/// <item>source or target branch deleted: DECLINED (activity and <c>pr:declined</c>).</item>
/// </list>
/// Each pull request is its own transaction; a change racing with a user's (same version) is read
/// again and retried, so the pull request ends on the heads git holds now.
/// </summary>
public sealed partial class PullRequestRescoper(
    GitHostDbContext db,
    PullRequestGit git,
    RescopeCommits commits,
    PullRequestActivities activities,
    PullRequestEvents events,
    PullRequestViews views,
    IEnumerable<IPullRequestRescopeListener> listeners,
    EpochClock clock,
    ILogger<PullRequestRescoper> logger) : IPullRequestRescoping
{
    private const int Attempts = 3;

    public async Task RefsMovedAsync(long repositoryId, IReadOnlyList<RefMove> moves, Principal actor, CancellationToken cancellationToken)
    {
        var names = moves.Select(m => m.RefName).Where(n => n.StartsWith(PullRequestRefs.Heads, StringComparison.Ordinal) || n.StartsWith(PullRequestRefs.Tags, StringComparison.Ordinal))
            .Distinct().ToList();
        if (names.Count == 0)
        {
            return;
        }

        // Into this repository (its target moved) or from it, forks included (their source moved).
        var ids = await db.PullRequests.AsNoTracking()
            .Where(p => p.State == PullRequestState.Open
                && ((p.RepositoryId == repositoryId && names.Contains(p.ToRef)) || (p.FromRepositoryId == repositoryId && names.Contains(p.FromRef))))
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await RescopeAsync(id, actor, cancellationToken);
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < Attempts)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    private async Task RescopeAsync(long id, Principal actor, CancellationToken cancellationToken)
    {
        var pullRequest = await db.PullRequests.FirstOrDefaultAsync(p => p.Id == id && p.State == PullRequestState.Open, cancellationToken);
        if (pullRequest is null)
        {
            return;
        }

        var newFrom = git.Resolve(pullRequest.FromRepositoryId, pullRequest.FromRef);
        var newTo = git.Resolve(pullRequest.RepositoryId, pullRequest.ToRef);
        if (newFrom is null || newTo is null)
        {
            await DeclineAsync(pullRequest, actor, cancellationToken);
            return;
        }

        var (oldFrom, oldTo) = (pullRequest.FromCommit, pullRequest.ToCommit);
        if (newFrom == oldFrom && newTo == oldTo)
        {
            return;
        }

        if (pullRequest.FromRepositoryId != pullRequest.RepositoryId && newFrom != oldFrom)
        {
            await git.FetchFromForkAsync(pullRequest.RepositoryId, pullRequest.FromRepositoryId, newFrom, cancellationToken);
        }

        if (await git.IsAncestorAsync(pullRequest.RepositoryId, newFrom, newTo, cancellationToken))
        {
            await MergedAsync(pullRequest, newFrom, actor, cancellationToken);
            return;
        }

        // Before: oldFrom minus oldTo; after: newFrom minus newTo. Counted before the hidden ref moves, while oldFrom is still held.
        var added = await commits.BetweenAsync(pullRequest.RepositoryId, newFrom, [newTo, oldFrom], cancellationToken);
        var removed = await commits.BetweenAsync(pullRequest.RepositoryId, oldFrom, [oldTo, newFrom], cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        pullRequest.FromCommit = newFrom;
        pullRequest.ToCommit = newTo;
        PullRequestVersions.Bump(pullRequest, clock.NowMs());
        if (newFrom != oldFrom || added.Total > 0 || removed.Total > 0)
        {
            activities.Record(pullRequest, actor.UserId, PullRequestAction.Rescoped, new
            {
                fromHash = newFrom,
                previousFromHash = oldFrom,
                toHash = newTo,
                previousToHash = oldTo,
                added = new { commits = added.Commits, total = added.Total },
                removed = new { commits = removed.Commits, total = removed.Total },
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        if (newFrom != oldFrom)
        {
            await events.AddAsync(PullRequestEvents.FromRefUpdated, actor, view, new Dictionary<string, object?> { ["previousFromHash"] = oldFrom }, cancellationToken);
        }

        if (newTo != oldTo)
        {
            await events.AddAsync(PullRequestEvents.ToRefUpdated, actor, view, new Dictionary<string, object?> { ["previousToHash"] = oldTo }, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (newFrom != oldFrom)
        {
            await git.PublishFromRefAsync(pullRequest.RepositoryId, pullRequest.Number, newFrom, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Log.Rescoped(logger, pullRequest.Number, pullRequest.RepositoryId, added.Total, removed.Total);

        var rescoped = new PullRequestRescoped(pullRequest.Id, pullRequest.RepositoryId, oldFrom, newFrom, oldTo, newTo, actor);
        foreach (var listener in listeners)
        {
            await listener.RescopedAsync(rescoped, cancellationToken);
        }
    }

    /// <summary>
    /// Everything the pull request brings is in the target already (merged or fast-forwarded outside
    /// GitHost, then pushed). The target hash stays where the pull request last saw it, so its diff
    /// still shows what was merged.
    /// </summary>
    private async Task MergedAsync(PullRequestEntity pullRequest, string newFrom, Principal actor, CancellationToken cancellationToken)
    {
        var oldFrom = pullRequest.FromCommit;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.NowMs();
        pullRequest.FromCommit = newFrom;
        pullRequest.State = PullRequestState.Merged;
        pullRequest.ClosedDate = now;
        PullRequestVersions.Bump(pullRequest, now);
        await db.AutoMergeRequests.Where(a => a.PullRequestId == pullRequest.Id).ExecuteDeleteAsync(cancellationToken);
        await PullRequestListStamp.BumpAsync(db, pullRequest.RepositoryId, cancellationToken);
        activities.Record(pullRequest, actor.UserId, PullRequestAction.Merged);
        await db.SaveChangesAsync(cancellationToken);
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        await events.AddAsync(PullRequestEvents.Merged, actor, view, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (newFrom != oldFrom)
        {
            await git.PublishFromRefAsync(pullRequest.RepositoryId, pullRequest.Number, newFrom, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Log.MergedOutside(logger, pullRequest.Number, pullRequest.RepositoryId);
    }

    /// <summary>Bitbucket declines an open pull request whose source or target branch is deleted; its hashes stay as last seen.</summary>
    private async Task DeclineAsync(PullRequestEntity pullRequest, Principal actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.NowMs();
        pullRequest.State = PullRequestState.Declined;
        pullRequest.ClosedDate = now;
        PullRequestVersions.Bump(pullRequest, now);
        await db.AutoMergeRequests.Where(a => a.PullRequestId == pullRequest.Id).ExecuteDeleteAsync(cancellationToken);
        await PullRequestListStamp.BumpAsync(db, pullRequest.RepositoryId, cancellationToken);
        activities.Record(pullRequest, actor.UserId, PullRequestAction.Declined);
        await db.SaveChangesAsync(cancellationToken);
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        await events.AddAsync(PullRequestEvents.Declined, actor, view, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.DeclinedRefDeleted(logger, pullRequest.Number, pullRequest.RepositoryId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
            Message = "Pull request {Number} in {RepositoryId} rescoped: {Added} commits added, {Removed} removed")]
        public static partial void Rescoped(ILogger logger, long number, long repositoryId, int added, int removed);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Pull request {Number} in {RepositoryId} merged outside GitHost")]
        public static partial void MergedOutside(ILogger logger, long number, long repositoryId);

        [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Pull request {Number} in {RepositoryId} declined: its source or target branch was deleted")]
        public static partial void DeclinedRefDeleted(ILogger logger, long number, long repositoryId);
    }
}
