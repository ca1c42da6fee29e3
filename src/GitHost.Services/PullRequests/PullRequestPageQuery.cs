using GitHost.Core.Paging;
using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Data.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// One statement for a page of pull requests and their comment counts. The page is chosen by id
/// first: from a kept id list (<see cref="Listing.PullRequestIdLists"/>), or in SQL
/// (<c>Id IN (SELECT Id ... ORDER BY Id LIMIT n OFFSET m)</c>), so the OFFSET walks only the
/// (RepositoryId, State, Id) index: paging the rows themselves made PostgreSQL fetch every row it
/// skipped from the heap. One row more than the page tells whether it is the last, without a COUNT.
/// </summary>
internal static class PullRequestPageQuery
{
    public static async Task<Page<CountedPullRequest>> ToCountedPageAsync(
        this IQueryable<PullRequestEntity> filtered, GitHostDbContext db, bool oldest, PageRequest request, CancellationToken cancellationToken)
    {
        var ordered = oldest ? filtered.OrderBy(p => p.Id) : filtered.OrderByDescending(p => p.Id);
        var ids = ordered.Select(p => p.Id);
        // Captured inside the lambda so OFFSET and LIMIT are SQL parameters: written as constants they
        // made every page a new SQL text and a new compiled query.
        var (start, take) = (request.Start, request.Limit + 1);
        var rows = await WithCounts(db.PullRequests.AsNoTracking().Where(p => ids.Skip(start).Take(take).Contains(p.Id)), db)
            .ToListAsync(cancellationToken);
        SortById(rows, oldest);
        var isLast = rows.Count <= request.Limit;
        if (!isLast)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page<CountedPullRequest>(rows, request, isLast);
    }

    /// <summary>
    /// The page out of <paramref name="idsOldestFirst"/>. The state is checked again, so a pull
    /// request that changed state since the list was read is left out rather than shown in the wrong list.
    /// </summary>
    public static async Task<Page<CountedPullRequest>> CountedPageOfAsync(
        GitHostDbContext db, long[] idsOldestFirst, PullRequestState? state, bool oldest, PageRequest request, CancellationToken cancellationToken)
    {
        var count = idsOldestFirst.Length;
        var take = Math.Clamp(count - request.Start, 0, request.Limit);
        var isLast = request.Start + take >= count;
        if (take == 0)
        {
            return new Page<CountedPullRequest>([], request, isLast);
        }

        var pageIds = oldest
            ? idsOldestFirst[request.Start..(request.Start + take)]
            : idsOldestFirst[(count - request.Start - take)..(count - request.Start)];
        // The state is checked here, not in SQL: with a state condition SQLite's planner walked every
        // row of that state through the (State, UpdatedDate) index instead of reading the page's ids.
        var page = await WithCounts(db.PullRequests.AsNoTracking().Where(p => pageIds.Contains(p.Id)), db).ToListAsync(cancellationToken);
        if (state is { } only)
        {
            page.RemoveAll(row => row.PullRequest.State != only);
        }

        SortById(page, oldest);
        return new Page<CountedPullRequest>(page, request, isLast);
    }

    private static IQueryable<CountedPullRequest> WithCounts(IQueryable<PullRequestEntity> rows, GitHostDbContext db) =>
        rows.Select(p => new CountedPullRequest(p, new PullRequestCommentCounts(
            db.Comments.Count(c => c.PullRequestId == p.Id && c.Severity == CommentSeverity.Normal && c.State != CommentState.Pending),
            db.Comments.Count(c => c.PullRequestId == p.Id && c.Severity == CommentSeverity.Blocker && c.State == CommentState.Open),
            db.Comments.Count(c => c.PullRequestId == p.Id && c.Severity == CommentSeverity.Blocker && c.State == CommentState.Resolved))));

    private static void SortById(List<CountedPullRequest> rows, bool oldest) =>
        rows.Sort(oldest
            ? (a, b) => a.PullRequest.Id.CompareTo(b.PullRequest.Id)
            : (a, b) => b.PullRequest.Id.CompareTo(a.PullRequest.Id));
}
