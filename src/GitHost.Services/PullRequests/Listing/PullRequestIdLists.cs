using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Data.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GitHost.Services.PullRequests.Listing;

/// <summary>
/// The ids of a repository's pull requests in one state (or all), oldest first, kept per node while
/// the repository's <see cref="RepositoryEntity.PullRequestListStamp"/> is unchanged. A page deep in
/// a long list then reads its 25 rows by id instead of walking the index past every row before it:
/// that walk grew with the page number and was the largest part of a page's database time
/// (docs/performance.md). The stamp moves in the transaction that changes the list, and callers read
/// it before the list, so a list is never older than the stamp it is kept under. The key carries
/// the repository's random hierarchy id, so a deleted repository's list never serves a new one that
/// got its row id back.
/// </summary>
public sealed class PullRequestIdLists(IOptions<PullRequestListOptions> options) : IDisposable
{
    private readonly MemoryCache _lists = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.MaxCachedIds) });

    public bool Enabled => options.Value.MaxCachedIds > 0;

    /// <param name="repository">As read by this request, before the list: its stamp decides whether a kept list is current.</param>
    public async Task<long[]> GetAsync(GitHostDbContext db, RepositoryEntity repository, PullRequestState? state, CancellationToken cancellationToken)
    {
        var key = new ListKey(repository.Id, repository.HierarchyId, state);
        var stamp = repository.PullRequestListStamp;
        // A list kept under a later stamp than the one this request read is at least as new as what it expects.
        if (_lists.TryGetValue(key, out KeptList? kept) && kept!.Stamp >= stamp)
        {
            return kept.Ids;
        }

        var ids = await LoadAsync(db, repository.Id, state, cancellationToken);
        if (ids.Length <= options.Value.MaxCachedIds)
        {
            _lists.Set(key, new KeptList(stamp, ids), new MemoryCacheEntryOptions
            {
                Size = Math.Max(1, ids.Length),
                SlidingExpiration = TimeSpan.FromSeconds(options.Value.IdleSeconds),
            });
        }

        return ids;
    }

    public void Dispose() => _lists.Dispose();

    private static Task<long[]> LoadAsync(GitHostDbContext db, long repositoryId, PullRequestState? state, CancellationToken cancellationToken)
    {
        var rows = db.PullRequests.AsNoTracking().Where(p => p.RepositoryId == repositoryId);
        if (state is { } only)
        {
            rows = rows.Where(p => p.State == only);
        }

        return rows.OrderBy(p => p.Id).Select(p => p.Id).ToArrayAsync(cancellationToken);
    }

    private readonly record struct ListKey(long RepositoryId, string HierarchyId, PullRequestState? State);

    private sealed record KeptList(long Stamp, long[] Ids);
}
