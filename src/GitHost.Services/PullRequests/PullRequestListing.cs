using GitHost.Core.Paging;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Common;
using GitHost.Services.PullRequests.Listing;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// <c>GET .../pull-requests</c> and <c>GET .../pull-requests/{id}</c>: the filters in SQL (state,
/// direction and ref, text, draft, participants), newest first by default: one statement for the
/// page with its comment counts, one for its participants (see <see cref="PullRequestPageQuery"/>).
/// A plain list (a state, either order, no other filter) pages from the node's kept ids.
/// </summary>
public sealed class PullRequestListing(
    GitHostDbContext db, RepositoryLookup repositories, PullRequestAccess access, PullRequestViews views, PullRequestIdLists idLists)
{
    public async Task<PullRequestView> GetAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        await using var open = await OpenConnection.ForAsync(db, cancellationToken);
        return await views.LoadAsync((await access.FindAsync(principal, projectKey, slug, number, cancellationToken)).PullRequest, cancellationToken);
    }

    public async Task<Page<PullRequestView>> ListAsync(
        Principal principal, string projectKey, string slug, PullRequestQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        await using var open = await OpenConnection.ForAsync(db, cancellationToken);
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var found = IsPlain(query)
            ? await PullRequestPageQuery.CountedPageOfAsync(
                db, await idLists.GetAsync(db, repository.Repository, query.State, cancellationToken), query.State, query.Oldest, page, cancellationToken)
            : await FilteredPageAsync(repository.Repository.Id, query, page, cancellationToken);
        var loaded = await views.LoadAsync(found.Values, repository, cancellationToken);
        return new Page<PullRequestView>(loaded, page, found.IsLastPage);
    }

    private bool IsPlain(PullRequestQuery query) =>
        idLists.Enabled && query.Direction == PullRequestDirection.Incoming && query.At is null && query.Draft is null
        && string.IsNullOrWhiteSpace(query.FilterText) && query.Participants.Count == 0;

    private Task<Page<CountedPullRequest>> FilteredPageAsync(long id, PullRequestQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = query.Direction == PullRequestDirection.Incoming
            ? db.PullRequests.AsNoTracking().Where(p => p.RepositoryId == id)
            : db.PullRequests.AsNoTracking().Where(p => p.FromRepositoryId == id);
        if (query.At is { } at)
        {
            rows = query.Direction == PullRequestDirection.Incoming ? rows.Where(p => p.ToRef == at) : rows.Where(p => p.FromRef == at);
        }

        return Filter(rows, query).ToCountedPageAsync(db, query.Oldest, page, cancellationToken);
    }

    /// <summary>The filters every pull request list shares (state, text, draft, participants).</summary>
    public IQueryable<PullRequestEntity> Filter(IQueryable<PullRequestEntity> rows, PullRequestQuery query)
    {
        if (query.State is { } state)
        {
            rows = rows.Where(p => p.State == state);
        }

        if (query.Draft is { } draft)
        {
            rows = rows.Where(p => p.Draft == draft);
        }

        if (!string.IsNullOrWhiteSpace(query.FilterText))
        {
            var text = query.FilterText.Trim().ToUpperInvariant();
            rows = rows.Where(p => p.Title.ToUpper().Contains(text) || (p.Description != null && p.Description.ToUpper().Contains(text)));
        }

        foreach (var filter in query.Participants)
        {
            var name = filter.UserName.Trim().ToUpperInvariant();
            var userIds = db.Users.Where(u => u.NormalizedUserName == name).Select(u => u.Id);
            var participants = db.PullRequestParticipants.Where(pp => userIds.Contains(pp.UserId));
            if (filter.Role is { } role)
            {
                participants = participants.Where(pp => pp.Role == role);
            }

            if (filter.Approved is { } approved)
            {
                participants = approved
                    ? participants.Where(pp => pp.Status == ParticipantStatus.Approved)
                    : participants.Where(pp => pp.Status != ParticipantStatus.Approved);
            }

            var ids = participants.Select(pp => pp.PullRequestId);
            rows = rows.Where(p => ids.Contains(p.Id));
        }

        return rows;
    }
}
