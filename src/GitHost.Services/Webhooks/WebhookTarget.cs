using GitHost.Data.PullRequests;

namespace GitHost.Services.Webhooks;

/// <summary>The project or repository whose webhooks a request manages; <see cref="ProjectId"/> is the repository's project.</summary>
public sealed record WebhookTarget(SettingsScope ScopeType, long ScopeId, long ProjectId);
