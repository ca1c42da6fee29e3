using GitHost.Services.PullRequests.Listing;
using GitHost.Core.Failures;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Decline and reopen, at the version the client read. Anyone who can read the repository may
/// decline, as in Bitbucket. Reopening needs both branches to still exist, re-reads their heads, and
/// refuses when another pull request is open for the same refs.
/// </summary>
public sealed class PullRequestLifecycle(
    GitHostDbContext db,
    PullRequestAccess access,
    PullRequestGit git,
    PullRequestActivities activities,
    PullRequestEvents events,
    PullRequestViews views,
    EpochClock clock)
{
    public async Task<PullRequestView> DeclineAsync(
        Principal principal, string projectKey, string slug, long number, int? version, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        PullRequestAccess.DemandUser(principal);
        var pullRequest = target.PullRequest;
        if (pullRequest.State != PullRequestState.Open)
        {
            throw PullRequestFailures.NotOpen("declined", pullRequest.State);
        }

        PullRequestVersions.Demand(version, pullRequest);
        return await DeclineOpenAsync(pullRequest, principal, version, cancellationToken);
    }

    /// <summary>
    /// Auto-decline: declines the pull request as the system (no user) when it is still open and neither it
    /// nor its activity (comments, approvals, reviews, pushes) changed since <paramref name="updatedBeforeMs"/>;
    /// false when something did since the job read it.
    /// Everything else is what a user's decline does: the DECLINED activity, <c>pr:declined</c> and the audit record.
    /// </summary>
    public async Task<bool> DeclineInactiveAsync(long pullRequestId, long updatedBeforeMs, CancellationToken cancellationToken)
    {
        var pullRequest = await db.PullRequests.FirstOrDefaultAsync(
            p => p.Id == pullRequestId && p.State == PullRequestState.Open && p.UpdatedDate < updatedBeforeMs
                && !db.PullRequestActivities.Any(a => a.PullRequestId == p.Id && a.CreatedDate >= updatedBeforeMs),
            cancellationToken);
        if (pullRequest is null)
        {
            return false;
        }

        await DeclineOpenAsync(pullRequest, Principal.Anonymous, pullRequest.Version, cancellationToken);
        return true;
    }

    private async Task<PullRequestView> DeclineOpenAsync(PullRequestEntity pullRequest, Principal actor, int? version, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.NowMs();
        pullRequest.State = PullRequestState.Declined;
        pullRequest.ClosedDate = now;
        PullRequestVersions.Bump(pullRequest, now);
        await db.AutoMergeRequests.Where(a => a.PullRequestId == pullRequest.Id).ExecuteDeleteAsync(cancellationToken);
        await PullRequestListStamp.BumpAsync(db, pullRequest.RepositoryId, cancellationToken);
        activities.Record(pullRequest, actor.UserId, PullRequestAction.Declined);
        await PullRequestVersions.SaveAsync(db, pullRequest, version, cancellationToken);
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        await events.AddAsync(PullRequestEvents.Declined, actor, view, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return view;
    }

    public async Task<PullRequestView> ReopenAsync(
        Principal principal, string projectKey, string slug, long number, int? version, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        PullRequestAccess.DemandUser(principal);
        var pullRequest = target.PullRequest;
        if (pullRequest.State != PullRequestState.Declined)
        {
            throw new GitHostException(FailureKind.Conflict,
                $"Only a declined pull request can be reopened; this one is {pullRequest.State.ToString().ToUpperInvariant()}.",
                exceptionName: PullRequestFailures.IllegalState);
        }

        PullRequestVersions.Demand(version, pullRequest);
        var fromCommit = git.Resolve(pullRequest.FromRepositoryId, pullRequest.FromRef);
        var toCommit = git.Resolve(pullRequest.RepositoryId, pullRequest.ToRef);
        if (fromCommit is null || toCommit is null)
        {
            throw new GitHostException(FailureKind.Conflict,
                $"{PullRequestRefs.DisplayId(fromCommit is null ? pullRequest.FromRef : pullRequest.ToRef)} no longer exists: the pull request cannot be reopened.",
                exceptionName: PullRequestFailures.IllegalState);
        }

        if (await db.PullRequests.AnyAsync(p => p.RepositoryId == pullRequest.RepositoryId && p.FromRepositoryId == pullRequest.FromRepositoryId
                && p.FromRef == pullRequest.FromRef && p.ToRef == pullRequest.ToRef && p.State == PullRequestState.Open, cancellationToken))
        {
            throw new GitHostException(FailureKind.Conflict, "Another pull request is open for the same source and target branch.",
                exceptionName: PullRequestFailures.Duplicate);
        }

        if (pullRequest.FromRepositoryId != pullRequest.RepositoryId && fromCommit != pullRequest.FromCommit)
        {
            await git.FetchFromForkAsync(pullRequest.RepositoryId, pullRequest.FromRepositoryId, fromCommit, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.NowMs();
        pullRequest.State = PullRequestState.Open;
        pullRequest.ClosedDate = null;
        pullRequest.FromCommit = fromCommit;
        pullRequest.ToCommit = toCommit;
        PullRequestVersions.Bump(pullRequest, now);
        await PullRequestListStamp.BumpAsync(db, pullRequest.RepositoryId, cancellationToken);
        activities.Record(pullRequest, principal.UserId, PullRequestAction.Reopened);
        await PullRequestVersions.SaveAsync(db, pullRequest, version, cancellationToken);
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        await events.AddAsync(PullRequestEvents.Reopened, principal, view, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await git.PublishFromRefAsync(pullRequest.RepositoryId, pullRequest.Number, fromCommit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return view;
    }
}
