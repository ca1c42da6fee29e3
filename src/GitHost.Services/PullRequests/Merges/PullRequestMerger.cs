using GitHost.Services.PullRequests.Listing;
using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Common;
using GitHost.Services.Content.Refs;
using GitHost.Services.Permissions;
using Signature = LibGit2Sharp.Signature;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// <c>POST .../merge</c>: checks (state, version, strategy, every merge check), builds the result in
/// memory, then publishes it with one compare-and-swap of the target branch through
/// <see cref="RefChangeRecorder"/>, the door every server-side ref move takes. The pull request is
/// saved MERGED (activity, <c>pr:merged</c>) in the same transaction as the ref move, so either both
/// happen or neither; rescoping runs after it and finds the pull request closed already.
/// Two merges, or a push and a merge, racing from the same target head: git lets one move the ref,
/// the other gets 409.
/// </summary>
public sealed partial class PullRequestMerger(
    GitHostDbContext db,
    PullRequestAccess access,
    PullRequestViews views,
    PullRequestSettingsStore settings,
    MergeStatus status,
    MergeCommits commits,
    MergeRefs mergeRefs,
    PullRequestActivities activities,
    PullRequestEvents events,
    RefChangeRecorder recorder,
    PermissionService permissions,
    EpochClock clock,
    TimeProvider time,
    ILogger<PullRequestMerger> logger)
{
    public async Task<PullRequestView> MergeAsync(
        Principal principal, string projectKey, string slug, long number, MergeCommand command, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        PullRequestAccess.DemandLevel(target, Permission.RepoWrite);
        var userId = PullRequestAccess.DemandUser(principal);
        return await MergeAsync(target.PullRequest, principal, userId, command, cancellationToken);
    }

    /// <summary>Merges a pull request the caller may merge (auto-merge calls this as the user who asked for it).</summary>
    public async Task<PullRequestView> MergeAsync(
        PullRequestEntity pullRequest, Principal principal, long userId, MergeCommand command, CancellationToken cancellationToken)
    {
        if (pullRequest.State != PullRequestState.Open)
        {
            throw PullRequestFailures.NotOpen("merged", pullRequest.State);
        }

        PullRequestVersions.Demand(command.Version, pullRequest);
        MergeMessages.DemandBounded(command.Message);
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        var effective = await settings.EffectiveAsync(pullRequest.RepositoryId, view.Target.Project.Id, cancellationToken);
        var strategy = Strategy(command.StrategyId, effective.MergeConfig);
        var verdict = await status.EvaluateAsync(pullRequest, cancellationToken);
        if (!verdict.CanMerge)
        {
            throw MergeFailures.Veto(verdict.Conflicted, verdict.Vetoes);
        }

        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var merger = new Signature(user.DisplayName, user.Email ?? "", time.GetUtcNow());
        var summaries = effective.MergeConfig.CommitSummaries > 0
            ? commits.Summaries(pullRequest.RepositoryId, pullRequest.ToCommit, pullRequest.FromCommit, effective.MergeConfig.CommitSummaries)
            : [];
        var message = MergeMessages.Build(view, command, effective.MergeConfig, summaries);
        var oldTarget = pullRequest.ToCommit;
        var newTarget = await commits.BuildAsync(
            pullRequest.RepositoryId, strategy.Id, oldTarget, pullRequest.FromCommit, message, merger, cancellationToken);

        var change = new RefChange(pullRequest.ToRef, PullRequestRefs.DisplayId(pullRequest.ToRef), "BRANCH", oldTarget, newTarget, "UPDATE") { ViaPullRequest = true };
        var published = await recorder.ApplyAsync(principal, pullRequest.RepositoryId, change, async ct =>
        {
            var now = clock.NowMs();
            pullRequest.State = PullRequestState.Merged;
            pullRequest.MergeCommit = newTarget;
            pullRequest.ClosedDate = now;
            PullRequestVersions.Bump(pullRequest, now);
            await db.AutoMergeRequests.Where(a => a.PullRequestId == pullRequest.Id).ExecuteDeleteAsync(ct);
            await PullRequestListStamp.BumpAsync(db, pullRequest.RepositoryId, ct);
            activities.Record(pullRequest, userId, PullRequestAction.Merged, new { commit = new { id = newTarget, displayId = newTarget[..11] } });
            await PullRequestVersions.SaveAsync(db, pullRequest, command.Version, ct);
            await events.AddAsync(PullRequestEvents.Merged, principal, await views.LoadAsync(pullRequest, ct), ct);
        }, cancellationToken);
        if (!published)
        {
            var current = await db.PullRequests.AsNoTracking().Where(p => p.Id == pullRequest.Id).Select(p => new { p.Version, p.State }).FirstAsync(cancellationToken);
            Log.Lost(logger, pullRequest.Number, pullRequest.RepositoryId);
            throw current.State != PullRequestState.Open ? PullRequestFailures.NotOpen("merged", current.State) : MergeFailures.TargetMoved(current.Version);
        }

        Log.Merged(logger, pullRequest.Number, pullRequest.RepositoryId, strategy.Id, newTarget);
        await mergeRefs.RemoveAsync(pullRequest.RepositoryId, pullRequest.Number, cancellationToken);
        if (effective.DeleteSourceBranch)
        {
            await DeleteSourceBranchAsync(pullRequest, principal, view, cancellationToken);
        }

        return await views.LoadAsync(pullRequest, cancellationToken);
    }

    /// <summary>The strategy asked for (the configured default when none); 400 when unknown or not enabled.</summary>
    public static MergeStrategy Strategy(string? id, MergeConfigDocument config)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return MergeStrategies.Find(config.DefaultStrategy) ?? MergeStrategies.All[0];
        }

        var strategy = MergeStrategies.Find(id.Trim()) ?? throw MergeFailures.UnknownStrategy(id);
        return config.EnabledStrategies.Contains(strategy.Id) ? strategy : throw MergeFailures.StrategyDisabled(strategy.Id, config.EnabledStrategies);
    }

    /// <summary>
    /// Bitbucket's "delete source branch after merge": a branch, never its repository's default branch,
    /// and only while it still points at what was merged (a commit pushed meanwhile is not thrown away).
    /// The source of a pull request from a fork lives in the fork: it goes only if the merger may write
    /// there, else it stays and the log says why. A refusal leaves the branch; the merge stands either way.
    /// </summary>
    private async Task DeleteSourceBranchAsync(PullRequestEntity pullRequest, Principal principal, PullRequestView view, CancellationToken cancellationToken)
    {
        if (!pullRequest.FromRef.StartsWith(PullRequestRefs.Heads, StringComparison.Ordinal)
            || pullRequest.FromRef == RefNamespace.Branches.FullName(view.Source.Repository.DefaultBranch))
        {
            return;
        }

        if (pullRequest.FromRepositoryId != pullRequest.RepositoryId
            && await permissions.RepositoryLevelAsync(principal, view.Source.Repository, view.Source.Project, cancellationToken) < Permission.RepoWrite)
        {
            Log.ForkSourceKept(logger, pullRequest.Number, pullRequest.RepositoryId, pullRequest.FromRepositoryId);
            return;
        }

        bool deleted;
        try
        {
            deleted = await recorder.ApplyAsync(
                principal, pullRequest.FromRepositoryId, RefChange.Delete(pullRequest.FromRef, RefNamespace.Branches, pullRequest.FromCommit), cancellationToken);
        }
        catch (Core.Failures.GitHostException)
        {
            // A branch permission keeps the source branch (no-deletes, read-only); the merge stands.
            deleted = false;
        }

        if (!deleted)
        {
            Log.SourceKept(logger, pullRequest.Number, pullRequest.RepositoryId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5300, Level = LogLevel.Information,
            Message = "Pull request {Number} in {RepositoryId} merged with {Strategy} as {Commit}")]
        public static partial void Merged(ILogger logger, long number, long repositoryId, string strategy, string commit);

        [LoggerMessage(EventId = 5301, Level = LogLevel.Information,
            Message = "Merge of pull request {Number} in {RepositoryId} lost the race for the target branch")]
        public static partial void Lost(ILogger logger, long number, long repositoryId);

        [LoggerMessage(EventId = 5302, Level = LogLevel.Information,
            Message = "Source branch of pull request {Number} in {RepositoryId} kept: it moved after the merge")]
        public static partial void SourceKept(ILogger logger, long number, long repositoryId);

        [LoggerMessage(EventId = 5700, Level = LogLevel.Information,
            Message = "Source branch of pull request {Number} in {RepositoryId} kept: the merger cannot write to the fork {ForkId}")]
        public static partial void ForkSourceKept(ILogger logger, long number, long repositoryId, long forkId);
    }
}
