using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Audit;
using GitHost.Services.Content.Refs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.PullRequests.Rebases;

/// <summary>
/// Bitbucket's pull request rebase (<c>/rest/git/1.0/.../pull-requests/{id}/rebase</c>): GET tells
/// whether the caller can rebase and why not; POST replays the source branch onto the target branch
/// (<see cref="RebasePlanner"/>) and publishes the new head as a push would: one compare-and-swap of
/// the source branch through <see cref="RefChangeRecorder"/> (branch permissions,
/// <c>repo:refs_changed</c>, then rescoping, which moves the pull request to the new commits, bumps its
/// version and writes <c>pr:from_ref_updated</c>). A push or another rebase that moved the branch in
/// between wins; this one gets 409 and changes nothing.
/// </summary>
public sealed partial class PullRequestRebaser(
    GitHostDbContext db,
    PullRequestAccess access,
    PullRequestViews views,
    RebasePlanner planner,
    RefChangeRecorder recorder,
    AuditWriter audit,
    ILogger<PullRequestRebaser> logger)
{
    public async Task<RebaseCondition> ConditionAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        return (await planner.PlanAsync(principal, target, cancellationToken)).Condition;
    }

    /// <summary>The source branch's change: fromHash is the head the pull request had, toHash the rebased one.</summary>
    public async Task<RefChange> RebaseAsync(Principal principal, string projectKey, string slug, long number, int? version, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var pullRequest = target.PullRequest;
        // Bitbucket's 401 for a reader of the target who may not write the source repository (the target's, or the fork's).
        if (await planner.SourceLevelAsync(principal, target, cancellationToken) < Permission.RepoWrite)
        {
            throw GitHostException.NotPermitted();
        }

        if (pullRequest.State != Core.PullRequests.PullRequestState.Open)
        {
            throw PullRequestFailures.NotOpen("rebased", pullRequest.State);
        }

        PullRequestVersions.Demand(version, pullRequest);
        var plan = await planner.PlanAsync(principal, target, cancellationToken);
        if (plan.NewHead is not { } newHead)
        {
            throw RebaseFailures.Veto(plan.Condition.Vetoes, plan.Conflicted);
        }

        var oldHead = pullRequest.FromCommit;
        var change = new RefChange(pullRequest.FromRef, PullRequestRefs.DisplayId(pullRequest.FromRef), "BRANCH", oldHead, newHead, "UPDATE");
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        var published = await recorder.ApplyAsync(principal, pullRequest.FromRepositoryId, change, ct =>
        {
            // In the ref move's transaction: a rebase that did not happen leaves no record.
            audit.Record(AuditAction.PullRequestRebased,
                AuditSubject.InRepository("PULL_REQUEST", AuditSubject.Text(pullRequest.Number), pullRequest.Title, view.Target.Repository, view.Target.Project),
                before: new { id = pullRequest.Number, fromRef = pullRequest.FromRef, commit = oldHead },
                after: new { id = pullRequest.Number, fromRef = pullRequest.FromRef, commit = newHead, onto = pullRequest.ToCommit });
            return Task.CompletedTask;
        }, cancellationToken);
        if (!published)
        {
            var current = await db.PullRequests.AsNoTracking().Where(p => p.Id == pullRequest.Id).Select(p => new { p.Version, p.State }).FirstAsync(cancellationToken);
            Log.Lost(logger, pullRequest.Number, pullRequest.RepositoryId);
            throw current.State != Core.PullRequests.PullRequestState.Open
                ? PullRequestFailures.NotOpen("rebased", current.State)
                : RebaseFailures.SourceMoved(current.Version);
        }

        Log.Rebased(logger, pullRequest.Number, pullRequest.RepositoryId, oldHead, newHead);
        return change;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5320, Level = LogLevel.Information,
            Message = "Source branch of pull request {Number} in {RepositoryId} rebased from {OldHead} to {NewHead}")]
        public static partial void Rebased(ILogger logger, long number, long repositoryId, string oldHead, string newHead);

        [LoggerMessage(EventId = 5321, Level = LogLevel.Information,
            Message = "Rebase of pull request {Number} in {RepositoryId} lost the race for the source branch")]
        public static partial void Lost(ILogger logger, long number, long repositoryId);
    }
}
