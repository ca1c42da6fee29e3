using GitHost.Data;
using GitHost.Data.Cluster;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Cluster;

/// <summary>
/// Named leases in the database: each step is one conditional statement, so two nodes asking at the
/// same moment cannot both win, whatever the database.
/// </summary>
public sealed class ClusterLeases(GitHostDbContext db, EpochClock clock)
{
    /// <summary>Renews <paramref name="name"/> for <paramref name="owner"/>, or takes it when free or lapsed. False when another node holds it.</summary>
    public async Task<bool> TryTakeAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.NowMs();
        var until = now + (long)duration.TotalMilliseconds;
        if (await db.ClusterLeases.Where(l => l.Name == name && (l.Owner == owner || l.ExpiresDate < now))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Fence, l => l.Owner == owner ? l.Fence : l.Fence + 1)
                    .SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresDate, until), cancellationToken) == 1)
        {
            return true;
        }

        return await TryInsertAsync(name, owner, until, cancellationToken);
    }

    /// <summary>
    /// Claims one run of a periodic job: true for the first node to ask once the previous run's claim
    /// (of any node) has lapsed, which it does <paramref name="interval"/> after it was made.
    /// </summary>
    public async Task<bool> TryClaimRunAsync(string name, string owner, TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = clock.NowMs();
        var until = now + (long)interval.TotalMilliseconds;
        if (await db.ClusterLeases.Where(l => l.Name == name && l.ExpiresDate < now)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Fence, l => l.Fence + 1).SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresDate, until), cancellationToken) == 1)
        {
            return true;
        }

        return await TryInsertAsync(name, owner, until, cancellationToken);
    }

    private async Task<bool> TryInsertAsync(string name, string owner, long until, CancellationToken cancellationToken)
    {
        if (await db.ClusterLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.ClusterLeases.Add(new ClusterLeaseEntity { Name = name, Owner = owner, ExpiresDate = until, Fence = 1 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node inserted it first: it holds the lease.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public Task<int> ReleaseAsync(string name, string owner, CancellationToken cancellationToken) =>
        db.ClusterLeases.Where(l => l.Name == name && l.Owner == owner).ExecuteDeleteAsync(cancellationToken);

    public Task<int> ReleaseAllAsync(string owner, CancellationToken cancellationToken) =>
        db.ClusterLeases.Where(l => l.Owner == owner).ExecuteDeleteAsync(cancellationToken);
}
