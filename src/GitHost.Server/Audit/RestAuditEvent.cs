namespace GitHost.Server.Audit;

/// <summary>
/// One entity of Atlassian's <c>/rest/auditing/1.0/events</c>. <see cref="Id"/>, <see cref="ActionKey"/>,
/// <see cref="Before"/> and <see cref="After"/> are GitHost's additions.
/// </summary>
public sealed record RestAuditEvent(
    long Id,
    string Timestamp,
    RestAuditAuthor Author,
    RestAuditType Type,
    IReadOnlyList<RestAuditObject> AffectedObjects,
    IReadOnlyList<RestAuditChange> ChangedValues,
    string? Source,
    string? System,
    string? Node,
    string Method,
    IReadOnlyList<RestAuditAttribute> ExtraAttributes,
    string ActionKey,
    System.Text.Json.JsonElement? Before,
    System.Text.Json.JsonElement? After);

public sealed record RestAuditAuthor(string Id, string? Name, string Type);

public sealed record RestAuditType(string Category, string CategoryI18nKey, string Action, string ActionI18nKey, string Area, string Level);

public sealed record RestAuditObject(string? Id, string? Name, string Type);

public sealed record RestAuditChange(string Key, string? From, string? To);

public sealed record RestAuditAttribute(string Name, string? Value);

/// <summary>The page: Atlassian's <c>entities</c> and <c>pagingInfo</c>, with Bitbucket-style paging members beside them.</summary>
public sealed record RestAuditPage(
    IReadOnlyList<RestAuditEvent> Entities, int Offset, int Limit, int Size, bool IsLastPage, RestAuditPagingInfo PagingInfo);

public sealed record RestAuditPagingInfo(string? NextPageCursor, string? NextPageLink);
