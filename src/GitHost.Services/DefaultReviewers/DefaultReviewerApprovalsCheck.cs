using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.PullRequests;

namespace GitHost.Services.DefaultReviewers;

/// <summary>
/// Bitbucket's "minimum approvals from default reviewers": each matching condition with required
/// approvals needs that many approvals from its own reviewers (among those on the pull request).
/// </summary>
public sealed class DefaultReviewerApprovalsCheck(GitHostDbContext db) : IMergeCheck
{
    public async Task<IReadOnlyList<MergeVeto>> CheckAsync(PullRequestView pullRequest, CancellationToken cancellationToken)
    {
        var pr = pullRequest.PullRequest;
        var model = await ConditionRefs.ModelAsync(db, pullRequest.Target.Repository, cancellationToken);
        var approvers = pullRequest.Participants
            .Where(p => p.Participant.Role == ParticipantRole.Reviewer && p.Participant.Status == ParticipantStatus.Approved)
            .Select(p => p.User.Id)
            .ToHashSet();
        var vetoes = new List<MergeVeto>();
        foreach (var condition in await DefaultReviewerConditions.ForRepositoryAsync(db, pr.RepositoryId, pullRequest.Target.Project.Id, cancellationToken))
        {
            if (condition.RequiredApprovals == 0 || !condition.Matches(pr.FromRef, pr.ToRef, model))
            {
                continue;
            }

            var eligible = condition.Reviewers.Where(r => r.Id != pr.AuthorId).ToList();
            var needed = Math.Min(condition.RequiredApprovals, eligible.Count);
            var approved = eligible.Count(r => approvers.Contains(r.Id));
            if (approved < needed)
            {
                vetoes.Add(new MergeVeto(
                    "Not enough approvals from default reviewers",
                    $"You need {needed} approval(s) from the default reviewers {string.Join(", ", eligible.Select(r => r.DisplayName))} before this pull request can be merged; it has {approved}."));
            }
        }

        return vetoes;
    }
}
