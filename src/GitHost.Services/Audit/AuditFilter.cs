namespace GitHost.Services.Audit;

/// <summary>
/// Which records a query wants; empty lists and nulls do not filter. <see cref="BeforeId"/> is the
/// cursor: only records older (smaller id) than it.
/// </summary>
public sealed record AuditFilter(
    long? FromMs = null,
    long? ToMs = null,
    IReadOnlyList<long>? UserIds = null,
    string? ActorName = null,
    IReadOnlyList<string>? Actions = null,
    IReadOnlyList<string>? Categories = null,
    long? ProjectId = null,
    long? RepositoryId = null,
    long? BeforeId = null);
