using System.Text.Json;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Audit;
using GitHost.Services.Cluster;
using GitHost.Services.Common;

namespace GitHost.Services.Audit;

/// <summary>
/// Adds an audit record to the current unit of work, like <c>OutboxWriter</c>: the caller's
/// SaveChanges commits it in the same transaction as the change it describes, so a rolled-back
/// change leaves no record and a committed one always has its record. Who acted and from where
/// come from the request (<see cref="IAuditContext"/>).
/// <code>
/// audit.Record(AuditAction.WebhookCreated, AuditSubject.InRepository("WEBHOOK", id, name, repository, project), after: hook);
/// await db.SaveChangesAsync(ct);
/// </code>
/// </summary>
public sealed class AuditWriter(GitHostDbContext db, IAuditContext context, EpochClock clock, AuditCommitted committed, ClusterNode node)
{
    private const int MaxDetailChars = 16_384;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private bool _listening;

    /// <summary>The acting origin of the current request.</summary>
    public AuditOrigin Origin => context.Current;

    /// <param name="before">The state before (anything JSON-serializable), or null.</param>
    /// <param name="after">The state after, or the details of an event that changes no state, or null.</param>
    public void Record(AuditAction action, AuditSubject subject, object? before = null, object? after = null) =>
        Record(context.Current, action, subject, before, after);

    /// <summary>For sign-ins, where the request has no principal yet: the actor is given, the rest comes from the request.</summary>
    public void RecordFor(Principal? actor, string credential, AuditAction action, AuditSubject subject, object? after = null)
    {
        var origin = context.Current;
        Record(origin with { UserId = actor?.UserId, UserName = actor?.UserName, Credential = credential, CredentialId = actor?.Token?.TokenId },
            action, subject, null, after);
    }

    /// <summary>Records and commits at once, for actions that change nothing else (a failed sign-in).</summary>
    public async Task RecordNowAsync(Principal? actor, string credential, AuditAction action, AuditSubject subject, object? after, CancellationToken cancellationToken)
    {
        RecordFor(actor, credential, action, subject, after);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records and commits at once, for actions whose change is not in the database (an in-memory lock lifted).</summary>
    public async Task CommitAsync(AuditAction action, AuditSubject subject, object? before, object? after, CancellationToken cancellationToken)
    {
        Record(action, subject, before, after);
        await db.SaveChangesAsync(cancellationToken);
    }

    public void Record(AuditOrigin origin, AuditAction action, AuditSubject subject, object? before, object? after)
    {
        db.AuditEvents.Add(new AuditEventEntity
        {
            Timestamp = clock.NowMs(),
            Action = action.Key,
            Category = action.Category,
            ActorUserId = origin.UserId,
            ActorName = Cap(origin.UserName, 255),
            Credential = origin.Credential,
            CredentialId = origin.CredentialId,
            SourceIp = Cap(origin.SourceIp, 64),
            Method = origin.Method,
            Node = node.IsClustered ? node.Name : null,
            ObjectType = subject.Type,
            ObjectId = Cap(subject.Id, 255),
            ObjectName = Cap(subject.Name, 1024),
            ProjectId = subject.ProjectId,
            ProjectKey = subject.ProjectKey,
            RepositoryId = subject.RepositoryId,
            RepositorySlug = subject.RepositorySlug,
            Before = Serialize(before),
            After = Serialize(after),
        });
        if (!_listening)
        {
            _listening = true;
            db.SavedChanges += (_, _) => committed.Notify();
        }
    }

    private static string? Serialize(object? details)
    {
        if (details is null)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(details, Json);
        // Details are evidence, not storage: an oversized value keeps its start and says it was cut.
        return json.Length <= MaxDetailChars ? json : JsonSerializer.Serialize(new { truncated = true, start = json[..MaxDetailChars] }, Json);
    }

    private static string? Cap(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
