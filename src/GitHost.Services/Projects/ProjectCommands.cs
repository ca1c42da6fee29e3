namespace GitHost.Services.Projects;

public sealed record CreateProject(string? Key, string? Name, string? Description, bool? IsPublic, string? WorkspaceKey);

/// <summary>Null members are left unchanged.</summary>
public sealed record UpdateProject(string? Key, string? Name, string? Description, bool? IsPublic);
