using GitHost.Core.PullRequests;
using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>Bitbucket's bundled merge checks, each enabled by the pull request settings.</summary>
public sealed class MinimumApprovalsCheck(PullRequestSettingsStore settings) : IMergeCheck
{
    public async Task<IReadOnlyList<MergeVeto>> CheckAsync(PullRequestView pullRequest, CancellationToken cancellationToken)
    {
        var effective = await settings.EffectiveAsync(pullRequest.PullRequest.RepositoryId, pullRequest.Target.Project.Id, cancellationToken);
        var approvals = pullRequest.Participants.Count(p => p.Participant.Role == ParticipantRole.Reviewer && p.Participant.Status == ParticipantStatus.Approved);
        return approvals >= effective.RequiredApprovers ? [] :
        [
            new MergeVeto(
                "Not enough approvals",
                $"You need {effective.RequiredApprovers} approval(s) before this pull request can be merged; it has {approvals}."),
        ];
    }
}

public sealed class AllReviewersApprovedCheck(PullRequestSettingsStore settings) : IMergeCheck
{
    public async Task<IReadOnlyList<MergeVeto>> CheckAsync(PullRequestView pullRequest, CancellationToken cancellationToken)
    {
        var effective = await settings.EffectiveAsync(pullRequest.PullRequest.RepositoryId, pullRequest.Target.Project.Id, cancellationToken);
        var waiting = pullRequest.Participants
            .Where(p => p.Participant.Role == ParticipantRole.Reviewer && p.Participant.Status != ParticipantStatus.Approved)
            .Select(p => p.User.DisplayName).ToList();
        return !effective.RequiredAllApprovers || waiting.Count == 0 ? [] :
        [
            new MergeVeto("Not all reviewers have approved", $"Every reviewer must approve first; waiting for {string.Join(", ", waiting)}."),
        ];
    }
}

/// <summary>Bitbucket always vetoes while a reviewer says the pull request needs work.</summary>
public sealed class NeedsWorkCheck : IMergeCheck
{
    public Task<IReadOnlyList<MergeVeto>> CheckAsync(PullRequestView pullRequest, CancellationToken cancellationToken)
    {
        var needsWork = pullRequest.Participants.Where(p => p.Participant.Status == ParticipantStatus.NeedsWork).Select(p => p.User.DisplayName).ToList();
        IReadOnlyList<MergeVeto> vetoes = needsWork.Count == 0 ? [] :
        [
            new MergeVeto("Needs work", $"{string.Join(", ", needsWork)} marked this pull request as needing work."),
        ];
        return Task.FromResult(vetoes);
    }
}

/// <summary>Open tasks are open BLOCKER comments.</summary>
public sealed class AllTasksResolvedCheck(PullRequestSettingsStore settings, GitHostDbContext db) : IMergeCheck
{
    public async Task<IReadOnlyList<MergeVeto>> CheckAsync(PullRequestView pullRequest, CancellationToken cancellationToken)
    {
        var effective = await settings.EffectiveAsync(pullRequest.PullRequest.RepositoryId, pullRequest.Target.Project.Id, cancellationToken);
        if (!effective.RequiredAllTasksComplete)
        {
            return [];
        }

        var open = await db.Comments.CountAsync(
            c => c.PullRequestId == pullRequest.PullRequest.Id && c.Severity == CommentSeverity.Blocker && c.State == CommentState.Open, cancellationToken);
        return open == 0 ? [] :
        [
            new MergeVeto("Unresolved tasks", $"This pull request has {open} open task(s); resolve them before merging."),
        ];
    }
}

/// <summary>Bitbucket's bundled "minimum successful builds": SUCCESSFUL statuses on the source head.</summary>
public sealed class MinimumSuccessfulBuildsCheck(PullRequestSettingsStore settings, GitHostDbContext db) : IMergeCheck
{
    public async Task<IReadOnlyList<MergeVeto>> CheckAsync(PullRequestView pullRequest, CancellationToken cancellationToken)
    {
        var effective = await settings.EffectiveAsync(pullRequest.PullRequest.RepositoryId, pullRequest.Target.Project.Id, cancellationToken);
        if (effective.RequiredSuccessfulBuilds == 0)
        {
            return [];
        }

        var pr = pullRequest.PullRequest;
        var successful = await db.BuildStatuses.CountAsync(
            b => b.CommitId == pr.FromCommit && b.State == Core.Builds.BuildState.Successful
                && (b.RepositoryId == null || b.RepositoryId == pr.RepositoryId || b.RepositoryId == pr.FromRepositoryId),
            cancellationToken);
        var needed = effective.RequiredSuccessfulBuilds;
        return successful >= needed ? [] :
        [
            new MergeVeto(
                "Not all required builds are successful yet",
                needed == 1
                    ? "You still need a minimum of one successful build before this pull request can be merged."
                    : $"You still need a minimum of {needed} successful builds before this pull request can be merged; it has {successful}."),
        ];
    }
}
