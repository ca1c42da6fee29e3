using GitHost.Core.PullRequests;
using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// Bitbucket's <c>resetApprovalsOnSourceChange</c>: when new commits reach the source branch, every
/// approval given to the old commits is withdrawn, so what merges is what was approved. "Needs work"
/// stays: the reviewer still has to look again.
/// </summary>
public sealed class ApprovalReset(GitHostDbContext db, PullRequestSettingsStore settings) : IPullRequestRescopeListener
{
    public async Task RescopedAsync(PullRequestRescoped rescoped, CancellationToken cancellationToken)
    {
        if (!rescoped.SourceMoved)
        {
            return;
        }

        var projectId = await db.Repositories.Where(r => r.Id == rescoped.RepositoryId).Select(r => r.ProjectId).FirstAsync(cancellationToken);
        if (!(await settings.EffectiveAsync(rescoped.RepositoryId, projectId, cancellationToken)).ResetApprovalsOnSourceChange)
        {
            return;
        }

        await db.PullRequestParticipants
            .Where(p => p.PullRequestId == rescoped.PullRequestId && p.Status == ParticipantStatus.Approved)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, ParticipantStatus.Unapproved), cancellationToken);
    }
}
