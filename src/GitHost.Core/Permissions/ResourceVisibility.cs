namespace GitHost.Core.Permissions;

/// <summary>The facts about a project/repository that decide access besides explicit grants.</summary>
public readonly record struct ResourceVisibility(
    long ProjectId,
    bool ProjectPublic,
    Permission ProjectDefaultPermission,
    long? RepositoryId,
    bool RepositoryPublic);
