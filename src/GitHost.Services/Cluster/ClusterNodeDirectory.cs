using GitHost.Data;
using GitHost.Data.Cluster;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Cluster;

/// <summary>The nodes that announced themselves in the database, and whether they still do.</summary>
public sealed class ClusterNodeDirectory(GitHostDbContext db, EpochClock clock, IOptionsMonitor<ClusterOptions> options)
{
    /// <summary>Writes this node's row (a heartbeat), creating it on the first beat.</summary>
    public async Task BeatAsync(ClusterNodeEntity self, CancellationToken cancellationToken)
    {
        self.HeartbeatDate = clock.NowMs();
        var updated = await db.ClusterNodes.Where(n => n.Id == self.Id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Name, self.Name)
            .SetProperty(n => n.Address, self.Address)
            .SetProperty(n => n.Port, self.Port)
            .SetProperty(n => n.BuildVersion, self.BuildVersion)
            .SetProperty(n => n.StartedDate, self.StartedDate)
            .SetProperty(n => n.HeartbeatDate, self.HeartbeatDate), cancellationToken);
        if (updated == 0)
        {
            db.ClusterNodes.Add(self);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(self).State = EntityState.Detached;
        }
    }

    /// <summary>Nodes heard from within the node timeout, by name.</summary>
    public async Task<List<ClusterNodeEntity>> LiveAsync(CancellationToken cancellationToken)
    {
        var since = clock.NowMs() - (long)options.CurrentValue.NodeTimeout.TotalMilliseconds;
        return await db.ClusterNodes.AsNoTracking().Where(n => n.HeartbeatDate >= since).OrderBy(n => n.Name).ThenBy(n => n.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Removes this node's row on a clean shutdown, and rows silent for a day (nodes that were removed).</summary>
    public async Task LeaveAsync(string id, CancellationToken cancellationToken)
    {
        var forgotten = clock.NowMs() - (long)TimeSpan.FromDays(1).TotalMilliseconds;
        await db.ClusterNodes.Where(n => n.Id == id || n.HeartbeatDate < forgotten).ExecuteDeleteAsync(cancellationToken);
    }
}
