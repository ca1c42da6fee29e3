namespace GitHost.Services.Pipelines.Runners;

/// <summary>Where a step's repository lives, for runner scopes, variables and the clone URL.</summary>
public sealed record StepPlace(long RepositoryId, string Slug, long ProjectId, string ProjectKey, long WorkspaceId, string WorkspaceKey);
