using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>What one attempt at an auto-merge came to (Bitbucket's <c>autoMergeProcessingStatus</c>).</summary>
public enum AutoMergeOutcome
{
    Cancelled,
    Vetoed,
    Stale,
    Merged,
    LockFailure,
    Unknown,
}

public sealed record AutoMergeAttempt(AutoMergeOutcome Outcome, PullRequestView PullRequest);

/// <summary>An auto-merge request with the target branch it will merge into.</summary>
public sealed record AutoMergeRequestView(AutoMergeRequestEntity Request, string ToRef);

/// <summary>
/// Bitbucket 8.15's auto-merge: a user with write access asks for the pull request to merge as soon as
/// every merge check passes; GitHost tries again whenever something a check reads changes (a review,
/// a task, a build status, a report, the target branch) and merges as the user who asked. New commits
/// on the source cancel the request, so only what was there when it was asked for merges unattended.
/// </summary>
public sealed partial class AutoMerge(
    GitHostDbContext db,
    PullRequestAccess access,
    PullRequestViews views,
    PullRequestSettingsStore settings,
    AutoMergeSettingsStore autoMergeSettings,
    PullRequestMerger merger,
    MergeStatus status,
    PullRequestActivities activities,
    EpochClock clock,
    ILogger<AutoMerge> logger) : IMergeCheckInputs
{
    public async Task<AutoMergeRequestView?> GetAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var request = await db.AutoMergeRequests.AsNoTracking().FirstOrDefaultAsync(a => a.PullRequestId == target.PullRequest.Id, cancellationToken);
        return request is null ? null : new AutoMergeRequestView(request, target.PullRequest.ToRef);
    }

    /// <summary>
    /// <c>POST .../merge</c> with <c>autoMerge: true</c>: records the request (replacing an earlier one)
    /// and tries at once, so a pull request that can merge now merges now.
    /// </summary>
    public async Task<PullRequestView> RequestAsync(
        Principal principal, string projectKey, string slug, long number, MergeCommand command, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        PullRequestAccess.DemandLevel(target, Permission.RepoWrite);
        var userId = PullRequestAccess.DemandUser(principal);
        var pullRequest = target.PullRequest;
        if (pullRequest.State != PullRequestState.Open)
        {
            throw PullRequestFailures.NotOpen("merged", pullRequest.State);
        }

        PullRequestVersions.Demand(command.Version, pullRequest);
        await autoMergeSettings.DemandEnabledAsync(pullRequest.RepositoryId, target.Repository.Project.Id, cancellationToken);
        var effective = await settings.EffectiveAsync(pullRequest.RepositoryId, target.Repository.Project.Id, cancellationToken);
        PullRequestMerger.Strategy(command.StrategyId, effective.MergeConfig);
        MergeMessages.DemandBounded(command.Message);

        var existing = await db.AutoMergeRequests.FirstOrDefaultAsync(a => a.PullRequestId == pullRequest.Id, cancellationToken);
        if (existing is not null)
        {
            db.AutoMergeRequests.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        db.AutoMergeRequests.Add(new AutoMergeRequestEntity
        {
            PullRequestId = pullRequest.Id,
            RequestedById = userId,
            CreatedDate = clock.NowMs(),
            FromCommit = pullRequest.FromCommit,
            StrategyId = command.StrategyId?.Trim(),
            Message = command.Message,
            AutoSubject = command.AutoSubject,
        });
        activities.Record(pullRequest, userId, PullRequestAction.AutoMergeRequested);
        await db.SaveChangesAsync(cancellationToken);
        Log.Requested(logger, pullRequest.Number, pullRequest.RepositoryId);

        var attempt = await TryAsync(pullRequest.Id, cancellationToken);
        return attempt?.PullRequest ?? await views.LoadAsync(pullRequest, cancellationToken);
    }

    /// <summary><c>DELETE .../auto-merge</c>: withdraws the request; 409 when the pull request is not open.</summary>
    public async Task CancelAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        PullRequestAccess.DemandLevel(target, Permission.RepoWrite);
        var userId = PullRequestAccess.DemandUser(principal);
        if (target.PullRequest.State != PullRequestState.Open)
        {
            throw PullRequestFailures.NotOpen("changed", target.PullRequest.State);
        }

        await CancelAsync(target.PullRequest, userId, cancellationToken);
    }

    /// <summary><c>POST .../auto-merge</c>: tries now; 400 when nobody asked for auto-merge.</summary>
    public async Task<AutoMergeAttempt> ProcessAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        PullRequestAccess.DemandLevel(target, Permission.RepoWrite);
        PullRequestAccess.DemandUser(principal);
        await autoMergeSettings.DemandEnabledAsync(target.PullRequest.RepositoryId, target.Repository.Project.Id, cancellationToken);
        return await TryAsync(target.PullRequest.Id, cancellationToken)
            ?? throw GitHostException.Invalid("Auto-merge was not requested for this pull request.");
    }

    public async Task PullRequestChangedAsync(long pullRequestId, CancellationToken cancellationToken)
    {
        if (await db.AutoMergeRequests.AnyAsync(a => a.PullRequestId == pullRequestId, cancellationToken))
        {
            await TryAsync(pullRequestId, cancellationToken);
        }
    }

    public async Task CommitChangedAsync(string commitId, CancellationToken cancellationToken)
    {
        var waiting = await (from a in db.AutoMergeRequests.AsNoTracking()
                             join p in db.PullRequests.AsNoTracking() on a.PullRequestId equals p.Id
                             where p.State == PullRequestState.Open && p.FromCommit == commitId
                             select p.Id).ToListAsync(cancellationToken);
        foreach (var id in waiting)
        {
            await TryAsync(id, cancellationToken);
        }
    }

    /// <summary>
    /// New commits on the source cancel the request. A moved target is not tried here: merging from
    /// inside rescoping would move the target again while that rescoping is still running.
    /// </summary>
    public async Task SourceMovedAsync(PullRequestRescoped rescoped, CancellationToken cancellationToken)
    {
        if (rescoped.SourceMoved && await db.AutoMergeRequests.AnyAsync(a => a.PullRequestId == rescoped.PullRequestId, cancellationToken))
        {
            var pullRequest = await db.PullRequests.FirstAsync(p => p.Id == rescoped.PullRequestId, cancellationToken);
            await CancelAsync(pullRequest, rescoped.Actor.UserId, cancellationToken);
        }
    }

    /// <summary>One attempt; never throws for a refusal (the caller saved something else and must not fail for it). Null: no request.</summary>
    private async Task<AutoMergeAttempt?> TryAsync(long pullRequestId, CancellationToken cancellationToken)
    {
        var request = await db.AutoMergeRequests.AsNoTracking().FirstOrDefaultAsync(a => a.PullRequestId == pullRequestId, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var pullRequest = await db.PullRequests.FirstAsync(p => p.Id == pullRequestId, cancellationToken);
        if (pullRequest.State != PullRequestState.Open)
        {
            return new AutoMergeAttempt(AutoMergeOutcome.Cancelled, await views.LoadAsync(pullRequest, cancellationToken));
        }

        if (pullRequest.FromCommit != request.FromCommit)
        {
            await CancelAsync(pullRequest, null, cancellationToken);
            return new AutoMergeAttempt(AutoMergeOutcome.Stale, await views.LoadAsync(pullRequest, cancellationToken));
        }

        if (!(await status.EvaluateAsync(pullRequest, cancellationToken)).CanMerge)
        {
            return new AutoMergeAttempt(AutoMergeOutcome.Vetoed, await views.LoadAsync(pullRequest, cancellationToken));
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.RequestedById && u.Active, cancellationToken);
        if (user is null)
        {
            await CancelAsync(pullRequest, null, cancellationToken);
            return new AutoMergeAttempt(AutoMergeOutcome.Cancelled, await views.LoadAsync(pullRequest, cancellationToken));
        }

        try
        {
            var merged = await merger.MergeAsync(
                pullRequest, new Principal(user.Id, user.UserName), user.Id, new MergeCommand(pullRequest.Version, request.Message, request.AutoSubject, request.StrategyId), cancellationToken);
            Log.AutoMerged(logger, pullRequest.Number, pullRequest.RepositoryId);
            return new AutoMergeAttempt(AutoMergeOutcome.Merged, merged);
        }
        catch (GitHostException failure) when (failure.Kind is FailureKind.Conflict or FailureKind.Invalid)
        {
            db.ChangeTracker.Clear();
            Log.AutoMergeFailed(logger, pullRequest.Number, pullRequest.RepositoryId, failure.Message);
            var now = await db.PullRequests.FirstAsync(p => p.Id == pullRequestId, cancellationToken);
            var outcome = failure.ExceptionName == MergeFailures.Vetoed ? AutoMergeOutcome.Vetoed : AutoMergeOutcome.LockFailure;
            return new AutoMergeAttempt(outcome, await views.LoadAsync(now, cancellationToken));
        }
    }

    private async Task CancelAsync(PullRequestEntity pullRequest, long? userId, CancellationToken cancellationToken)
    {
        var removed = await db.AutoMergeRequests.Where(a => a.PullRequestId == pullRequest.Id).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            activities.Record(pullRequest, userId, PullRequestAction.AutoMergeCancelled);
            await db.SaveChangesAsync(cancellationToken);
            Log.Cancelled(logger, pullRequest.Number, pullRequest.RepositoryId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5310, Level = LogLevel.Information, Message = "Auto-merge requested for pull request {Number} in {RepositoryId}")]
        public static partial void Requested(ILogger logger, long number, long repositoryId);

        [LoggerMessage(EventId = 5311, Level = LogLevel.Information, Message = "Pull request {Number} in {RepositoryId} auto-merged")]
        public static partial void AutoMerged(ILogger logger, long number, long repositoryId);

        [LoggerMessage(EventId = 5312, Level = LogLevel.Information, Message = "Auto-merge of pull request {Number} in {RepositoryId} did not go ahead: {Reason}")]
        public static partial void AutoMergeFailed(ILogger logger, long number, long repositoryId, string reason);

        [LoggerMessage(EventId = 5313, Level = LogLevel.Information, Message = "Auto-merge request of pull request {Number} in {RepositoryId} cancelled")]
        public static partial void Cancelled(ILogger logger, long number, long repositoryId);
    }
}
