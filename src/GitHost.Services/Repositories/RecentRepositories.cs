using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Repositories;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Repositories;

/// <summary>
/// The repositories a user opened lately in the web UI, newest first (<c>/profile/recent/repos</c>,
/// the dashboard). One row per user and repository holds the latest view; each user keeps at most
/// <see cref="KeptPerUser"/>. A list shows only what the user may still see at the level asked for. The
/// view date orders the list and says no more: it is not moved while the repository is the newest already.
/// </summary>
public sealed class RecentRepositories(GitHostDbContext db, PermissionService permissions, EpochClock clock)
{
    public const int KeptPerUser = 100;

    public async Task RecordAsync(Principal principal, long repositoryId, CancellationToken cancellationToken)
    {
        if (principal.UserId is not { } userId)
        {
            return;
        }

        // Reading a repository's pages one after another is the common case: while it is the newest entry already,
        // the list's order cannot change, so the page view costs a read instead of a write (on SQLite, the write lock).
        var newest = await db.RecentRepositories.AsNoTracking().Where(r => r.UserId == userId)
            .OrderByDescending(r => r.ViewedDate).ThenByDescending(r => r.RepositoryId).Select(r => r.RepositoryId).FirstOrDefaultAsync(cancellationToken);
        if (newest == repositoryId)
        {
            return;
        }

        var now = clock.NowMs();
        var updated = await db.RecentRepositories.Where(r => r.UserId == userId && r.RepositoryId == repositoryId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ViewedDate, now), cancellationToken);
        if (updated > 0)
        {
            return;
        }

        var row = new RecentRepositoryEntity { UserId = userId, RepositoryId = repositoryId, ViewedDate = now };
        db.RecentRepositories.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same user's view of the same repository in another request inserted it first; that row says the same.
            return;
        }
        finally
        {
            // Nothing may stay pending in the request's context: its next save would repeat the failed insert.
            db.Entry(row).State = EntityState.Detached;
        }

        await TrimAsync(userId, cancellationToken);
    }

    /// <summary>Newest first; only repositories the caller still has <paramref name="minimum"/> on. Anonymous callers get 401, as in Bitbucket.</summary>
    public async Task<Page<RepositoryDetails>> ListAsync(Principal principal, Permission minimum, PageRequest page, CancellationToken cancellationToken)
    {
        if (!principal.IsAuthenticated)
        {
            throw GitHostException.AuthenticationRequired();
        }

        // A project or repository token acts for no user, so it has viewed nothing.
        if (principal.UserId is not { } userId)
        {
            return new Page<RepositoryDetails>([], page, IsLastPage: true);
        }

        // At most KeptPerUser rows: read them, then the visible repositories among them, and page in memory.
        var recent = await db.RecentRepositories.AsNoTracking().Where(r => r.UserId == userId)
            .OrderByDescending(r => r.ViewedDate).ThenByDescending(r => r.RepositoryId).Select(r => r.RepositoryId).ToListAsync(cancellationToken);
        var visible = await RepositoryVisibility.QueryAsync(db, permissions, principal, minimum, cancellationToken);
        var rows = await visible.Where(x => recent.Contains(x.Repository.Id)).ToListAsync(cancellationToken);
        var rank = recent.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        var ordered = Page<RepositoryWithProject>.From(rows.OrderBy(x => rank[x.Repository.Id]), page);
        return new Page<RepositoryDetails>(await RepositoryQueries.AddDetailsAsync(db, ordered.Values, cancellationToken), page, ordered.IsLastPage);
    }

    /// <summary>Only a first view adds a row, so only then can the user be over the limit.</summary>
    private async Task TrimAsync(long userId, CancellationToken cancellationToken)
    {
        var oldestKept = await db.RecentRepositories.Where(r => r.UserId == userId)
            .OrderByDescending(r => r.ViewedDate).Skip(KeptPerUser - 1).Select(r => (long?)r.ViewedDate).FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } cutoff)
        {
            await db.RecentRepositories.Where(r => r.UserId == userId && r.ViewedDate < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
