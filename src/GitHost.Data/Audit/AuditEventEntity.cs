namespace GitHost.Data.Audit;

/// <summary>
/// One audited action. Rows are only ever inserted (with the change they describe, in the same
/// transaction) and deleted by the retention purge; nothing updates them. Names are copied, not
/// joined, so a record still says who and what after the user or repository is renamed or gone.
/// </summary>
public sealed class AuditEventEntity
{
    public long Id { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long Timestamp { get; set; }

    /// <summary>Stable action key, e.g. <c>repository.deleted</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>Bitbucket's audit category, e.g. <c>Permissions</c>.</summary>
    public string Category { get; set; } = "";

    public long? ActorUserId { get; set; }

    /// <summary>The user name, <c>token-{id}</c> or <c>access-key-{id}</c>; null for anonymous callers and the system.</summary>
    public string? ActorName { get; set; }

    /// <summary><c>PASSWORD</c>, <c>SESSION</c>, <c>TOKEN</c>, <c>SSH_KEY</c>, <c>ACCESS_KEY</c>, or null (anonymous, system).</summary>
    public string? Credential { get; set; }

    /// <summary>The token or access key id when <see cref="Credential"/> names one.</summary>
    public long? CredentialId { get; set; }

    public string? SourceIp { get; set; }

    /// <summary>How the action came in: <c>REST</c>, <c>Browser</c>, <c>Git HTTP</c>, <c>SSH</c> or <c>System</c>.</summary>
    public string Method { get; set; } = "";

    /// <summary>The name of the cluster node that recorded the action; null on a single node.</summary>
    public string? Node { get; set; }

    /// <summary><c>USER</c>, <c>GROUP</c>, <c>PROJECT</c>, <c>REPOSITORY</c>, <c>GLOBAL</c>, ...</summary>
    public string ObjectType { get; set; } = "";

    public string? ObjectId { get; set; }

    public string? ObjectName { get; set; }

    public long? ProjectId { get; set; }

    public string? ProjectKey { get; set; }

    public long? RepositoryId { get; set; }

    public string? RepositorySlug { get; set; }

    /// <summary>JSON of the state before the change, or null.</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the state after the change (or the details of an event that changes nothing), or null.</summary>
    public string? After { get; set; }
}
