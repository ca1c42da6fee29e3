using GitHost.Data;
using GitHost.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Audit;

/// <summary>
/// Reads the audit log, newest first, as Atlassian's auditing REST returns it, and purges what retention
/// lets go. Records are written only by <see cref="AuditWriter"/>, with the change they describe.
/// </summary>
public sealed class AuditLog(GitHostDbContext db)
{
    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> of the oldest records older than <paramref name="cutoffMs"/>
    /// and not after <paramref name="upToId"/>; returns how many went (fewer than the batch: nothing is left).
    /// </summary>
    public async Task<(int Deleted, bool More)> PurgeBatchAsync(long cutoffMs, long upToId, int batchSize, CancellationToken cancellationToken)
    {
        var ids = await db.AuditEvents.Where(e => e.Timestamp < cutoffMs && e.Id <= upToId)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return (0, false);
        }

        var deleted = await db.AuditEvents.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        return (deleted, ids.Count == batchSize);
    }

    /// <summary>Up to <paramref name="take"/> records after <paramref name="afterId"/>, oldest first: how the JSON lines file follows the table.</summary>
    public Task<List<AuditEventEntity>> AfterAsync(long afterId, int take, CancellationToken cancellationToken) =>
        db.AuditEvents.AsNoTracking().Where(e => e.Id > afterId).OrderBy(e => e.Id).Take(take).ToListAsync(cancellationToken);

    /// <summary>One page: up to <paramref name="limit"/> records, plus whether more follow.</summary>
    public async Task<(IReadOnlyList<AuditEventEntity> Records, bool More)> ListAsync(
        AuditFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (filter.FromMs is { } from)
        {
            query = query.Where(e => e.Timestamp >= from);
        }

        if (filter.ToMs is { } to)
        {
            query = query.Where(e => e.Timestamp <= to);
        }

        if (filter.UserIds is { Count: > 0 } userIds)
        {
            query = query.Where(e => e.ActorUserId != null && userIds.Contains(e.ActorUserId.Value));
        }

        if (filter.ActorName is { } actorName)
        {
            query = query.Where(e => e.ActorName == actorName);
        }

        if (filter.Actions is { Count: > 0 } actions)
        {
            query = query.Where(e => actions.Contains(e.Action));
        }

        if (filter.Categories is { Count: > 0 } categories)
        {
            query = query.Where(e => categories.Contains(e.Category));
        }

        if (filter.ProjectId is { } projectId)
        {
            query = query.Where(e => e.ProjectId == projectId);
        }

        if (filter.RepositoryId is { } repositoryId)
        {
            query = query.Where(e => e.RepositoryId == repositoryId);
        }

        if (filter.BeforeId is { } beforeId)
        {
            query = query.Where(e => e.Id < beforeId);
        }

        var rows = await query.OrderByDescending(e => e.Id).Skip(offset).Take(limit + 1).ToListAsync(cancellationToken);
        return rows.Count > limit ? (rows[..limit], true) : (rows, false);
    }
}
