using GitHost.Data.PullRequests;
using GitHost.Services.Audit;

namespace GitHost.Services.Webhooks;

/// <summary>
/// The project or repository whose webhooks a request manages; <see cref="ProjectId"/> is the
/// repository's project, <see cref="Place"/> names both for the audit log.
/// </summary>
public sealed record WebhookTarget(SettingsScope ScopeType, long ScopeId, long ProjectId, AuditSubject Place)
{
    public AuditSubject Hook(long id, string? name) => Place with { Type = "WEBHOOK", Id = AuditSubject.Text(id), Name = name };
}
