namespace GitHost.Core.Permissions;

/// <summary>Scope membership and the level mappings between scopes.</summary>
public static class PermissionScopes
{
    public static PermissionScope ScopeOf(Permission permission) => permission switch
    {
        >= Permission.LicensedUser => PermissionScope.Global,
        >= Permission.ProjectView => PermissionScope.Project,
        _ => PermissionScope.Repository,
    };

    public static bool IsIn(this Permission permission, PermissionScope scope) =>
        permission != Permission.None && ScopeOf(permission) == scope;

    /// <summary>The repository level a project grant implies on every repository of the project.</summary>
    public static Permission ToRepositoryLevel(Permission projectLevel) => projectLevel switch
    {
        Permission.ProjectAdmin => Permission.RepoAdmin,
        Permission.ProjectWrite => Permission.RepoWrite,
        Permission.ProjectRead => Permission.RepoRead,
        _ => Permission.None,
    };

    /// <summary>The project level a global grant implies on every project.</summary>
    public static Permission ToProjectLevel(Permission globalLevel) =>
        globalLevel >= Permission.Admin ? Permission.ProjectAdmin : Permission.None;

    /// <summary>The lowest project level that lets someone see the project at all.</summary>
    public static Permission ProjectLevelForRepositoryLevel(Permission repoLevel) => repoLevel switch
    {
        Permission.RepoAdmin => Permission.ProjectAdmin,
        Permission.RepoWrite => Permission.ProjectWrite,
        Permission.RepoRead => Permission.ProjectRead,
        _ => Permission.None,
    };
}
