using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// The lists that follow a person across repositories: the dashboard (pull requests a user takes
/// part in, in any role) and the inbox (open pull requests waiting for the caller's review). Only
/// pull requests in repositories the caller can read are ever listed, whoever the list is about.
/// </summary>
public sealed class PullRequestDashboard(GitHostDbContext db, PermissionService permissions, PullRequestViews views, EpochClock clock)
{
    public async Task<Page<PullRequestView>> DashboardAsync(Principal principal, DashboardQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var callerId = PullRequestAccess.DemandUser(principal);
        var userId = query.UserName is null ? callerId : await UserIdAsync(query.UserName, cancellationToken);
        var participants = db.PullRequestParticipants.Where(p => p.UserId == userId);
        if (query.Role is { } role)
        {
            participants = participants.Where(p => p.Role == role);
        }

        if (query.Statuses.Count > 0)
        {
            var statuses = query.Statuses.ToList();
            participants = participants.Where(p => statuses.Contains(p.Status));
        }

        var rows = await VisibleAsync(principal, cancellationToken);
        rows = from pr in rows
               join p in participants on pr.Id equals p.PullRequestId
               select pr;
        if (query.State is { } state)
        {
            rows = rows.Where(p => p.State == state);
        }

        if (query.ClosedSinceSeconds is { } seconds)
        {
            var since = clock.NowMs() - seconds * 1000;
            rows = rows.Where(p => p.ClosedDate != null && p.ClosedDate >= since);
        }

        var ordered = query.Order switch
        {
            DashboardOrder.Oldest => rows.OrderBy(p => p.CreatedDate).ThenBy(p => p.Id),
            DashboardOrder.DraftStatus => rows.OrderByDescending(p => p.Draft).ThenByDescending(p => p.CreatedDate).ThenByDescending(p => p.Id),
            DashboardOrder.ClosedDate => rows.OrderBy(p => p.ClosedDate == null ? 0 : 1).ThenByDescending(p => p.ClosedDate).ThenByDescending(p => p.Id),
            DashboardOrder.ParticipantStatus => rows.OrderBy(p => db.PullRequestParticipants
                    .Where(pp => pp.PullRequestId == p.Id && pp.UserId == userId).Select(pp => (int)pp.Status).FirstOrDefault())
                .ThenByDescending(p => p.CreatedDate).ThenByDescending(p => p.Id),
            _ => rows.OrderByDescending(p => p.CreatedDate).ThenByDescending(p => p.Id),
        };
        return await ToViewsAsync(ordered, page, cancellationToken);
    }

    /// <summary>Open pull requests where the caller is a reviewer (or the author, with role AUTHOR) and has not approved yet.</summary>
    public async Task<Page<PullRequestView>> InboxAsync(Principal principal, ParticipantRole role, PageRequest page, CancellationToken cancellationToken) =>
        await ToViewsAsync((await InboxQueryAsync(principal, role, cancellationToken)).OrderByDescending(p => p.UpdatedDate).ThenByDescending(p => p.Id), page, cancellationToken);

    public async Task<int> InboxCountAsync(Principal principal, CancellationToken cancellationToken) =>
        await (await InboxQueryAsync(principal, ParticipantRole.Reviewer, cancellationToken)).CountAsync(cancellationToken);

    private async Task<IQueryable<PullRequestEntity>> InboxQueryAsync(Principal principal, ParticipantRole role, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var waiting = db.PullRequestParticipants.Where(p => p.UserId == userId && p.Role == role
            && (role != ParticipantRole.Reviewer || p.Status != ParticipantStatus.Approved));
        return from pr in await VisibleAsync(principal, cancellationToken)
               join p in waiting on pr.Id equals p.PullRequestId
               where pr.State == PullRequestState.Open
               select pr;
    }

    private async Task<IQueryable<PullRequestEntity>> VisibleAsync(Principal principal, CancellationToken cancellationToken)
    {
        var readable = (await RepositoryVisibility.QueryAsync(db, permissions, principal, Permission.RepoRead, cancellationToken)).Select(r => r.Repository.Id);
        return db.PullRequests.AsNoTracking().Where(p => readable.Contains(p.RepositoryId));
    }

    private async Task<Page<PullRequestView>> ToViewsAsync(IQueryable<PullRequestEntity> ordered, PageRequest page, CancellationToken cancellationToken)
    {
        var found = await ordered.ToPageAsync(page, cancellationToken);
        return new Page<PullRequestView>(await views.LoadAsync(found.Values, cancellationToken), page, found.IsLastPage);
    }

    private async Task<long> UserIdAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = name.Trim().ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (long?)u.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"No user named '{name}' exists.", "user", BitbucketExceptionNames.NoSuchUser);
    }
}
