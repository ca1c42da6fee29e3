namespace GitHost.Services.Workspaces;

public sealed record CreateWorkspace(string? Key, string? Name, string? Description);

/// <summary>Null members are left unchanged. The key cannot change: projects and links refer to it.</summary>
public sealed record UpdateWorkspace(string? Name, string? Description);

/// <summary>A member of a workspace with the user it is.</summary>
public sealed record WorkspaceMember(Data.Users.UserEntity User, bool IsAdmin);
