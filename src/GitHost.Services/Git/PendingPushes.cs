using System.Text.Json;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Pushes;
using GitHost.Services.Cluster;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Git;

/// <summary>
/// The pushes between their pre-receive and their post-receive. A node can die in between, after git
/// moved the refs and before the post-receive recorded the push's event: the row written here lets
/// another node (or this one, restarted) find such a push and record it after all.
/// <code>
/// await pending.AddAsync(target, updates, ct);          // pre-receive, once the push is accepted
/// if (await pending.TakeAsync(pushId, ct)) { ... }      // post-receive or recovery, inside the event's transaction
/// </code>
/// </summary>
public sealed class PendingPushes(GitHostDbContext db, ClusterNode node, EpochClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task AddAsync(PushTarget push, IReadOnlyList<RefUpdate> updates, CancellationToken cancellationToken)
    {
        var session = push.Session;
        db.PendingPushes.Add(new PendingPushEntity
        {
            PushId = session.Id,
            NodeId = node.Id,
            RepositoryId = session.RepositoryId,
            Principal = JsonSerializer.Serialize(session.Principal, Json),
            Protocol = session.Protocol,
            RemoteAddress = session.RemoteAddress,
            BaseUrl = session.BaseUrl,
            Updates = string.Join('\n', updates.Select(u => $"{u.OldId} {u.NewId} {u.RefName}")),
            CreatedDate = clock.NowMs(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Removes the push's row, true if this call removed it. Called in the transaction that records the
    /// push's event, so that of the post-receive and a recovery only one records it.
    /// </summary>
    public async Task<bool> TakeAsync(string pushId, CancellationToken cancellationToken) =>
        await db.PendingPushes.Where(p => p.PushId == pushId).ExecuteDeleteAsync(cancellationToken) == 1;

    /// <summary>This node's rows whose push is no longer running here (the post-receive never ran, or this node restarted).</summary>
    public async Task<List<PendingPushEntity>> EndedOnThisNodeAsync(PushSessions live, CancellationToken cancellationToken)
    {
        var rows = await db.PendingPushes.AsNoTracking().Where(p => p.NodeId == node.Id).ToListAsync(cancellationToken);
        return rows.Where(p => live.Find(p.PushId) is null).ToList();
    }

    /// <summary>
    /// Rows of nodes that are not among <paramref name="liveNodeIds"/>, written more than <paramref name="olderThan"/>
    /// ago: a node that has just started, or missed a heartbeat, may still be running those pushes.
    /// </summary>
    public async Task<List<PendingPushEntity>> OfOtherNodesAsync(IReadOnlyCollection<string> liveNodeIds, TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var before = clock.NowMs() - (long)olderThan.TotalMilliseconds;
        return await db.PendingPushes.AsNoTracking()
            .Where(p => p.NodeId != node.Id && !liveNodeIds.Contains(p.NodeId) && p.CreatedDate < before)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The push as its hooks saw it, rebuilt from its row.</summary>
    public static (PushSession Session, IReadOnlyList<RefUpdate> Updates) Read(PendingPushEntity row)
    {
        var principal = JsonSerializer.Deserialize<Principal>(row.Principal, Json) ?? Principal.Anonymous;
        return (new PushSession(row.PushId, principal, row.RepositoryId, row.Protocol, row.RemoteAddress, row.BaseUrl), RefUpdate.ParseAll(row.Updates));
    }
}
