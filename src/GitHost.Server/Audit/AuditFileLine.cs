namespace GitHost.Server.Audit;

/// <summary>
/// One line of the JSON lines file, in the shape of Atlassian's audit log file (<c>auditType</c>,
/// <c>timestamp.epochSecond/nano</c>, <c>version</c>), so SIEM integrations built for Bitbucket's
/// file read it; <see cref="Id"/> (the table's id), <see cref="ActionKey"/>, <see cref="Before"/>
/// and <see cref="After"/> are GitHost's additions.
/// </summary>
public sealed record AuditFileLine(
    long Id,
    IReadOnlyList<RestAuditObject> AffectedObjects,
    RestAuditType AuditType,
    RestAuditAuthor Author,
    IReadOnlyList<RestAuditChange> ChangedValues,
    IReadOnlyList<RestAuditAttribute> ExtraAttributes,
    string Method,
    string? Node,
    string? Source,
    string? System,
    AuditFileTimestamp Timestamp,
    string Version,
    string ActionKey,
    System.Text.Json.JsonElement? Before,
    System.Text.Json.JsonElement? After);

public sealed record AuditFileTimestamp(long EpochSecond, long Nano);
