namespace GitHost.Server.Projects;

/// <summary>Create/update body. Unknown members are ignored, as Bitbucket does.</summary>
internal sealed record ProjectRequest(string? Key, string? Name, string? Description, bool? Public, ProjectWorkspaceRef? Workspace);

internal sealed record ProjectWorkspaceRef(string? Key);
