namespace GitHost.Core.Permissions;

/// <summary>
/// The inheritance rule, global → project → repository, as one pure function. Effective access is
/// the highest of: the global grant (ADMIN and above administer every project), the project grant
/// (user or group), the project's default "all licensed users" grant, the repository grant, and
/// public read access when anonymous access is enabled.
/// </summary>
public static class EffectiveAccess
{
    public static Permission ProjectLevel(AccessGrants grants, bool authenticated, ResourceVisibility resource, bool publicAccessEnabled)
    {
        var level = PermissionScopes.ToProjectLevel(grants.Global);
        if (grants.Projects.TryGetValue(resource.ProjectId, out var projectGrant))
        {
            level = Max(level, projectGrant);
        }

        if (authenticated && grants.Global >= Permission.LicensedUser)
        {
            level = Max(level, resource.ProjectDefaultPermission);
        }

        if (publicAccessEnabled && resource.ProjectPublic)
        {
            level = Max(level, Permission.ProjectRead);
        }

        return level;
    }

    public static Permission RepositoryLevel(AccessGrants grants, bool authenticated, ResourceVisibility resource, bool publicAccessEnabled)
    {
        var level = PermissionScopes.ToRepositoryLevel(ProjectLevel(grants, authenticated, resource, publicAccessEnabled));
        if (resource.RepositoryId is { } repoId && grants.Repositories.TryGetValue(repoId, out var repoGrant))
        {
            level = Max(level, repoGrant);
        }

        if (publicAccessEnabled && resource.RepositoryPublic)
        {
            level = Max(level, Permission.RepoRead);
        }

        return level;
    }

    /// <summary>
    /// Whether the principal can see the project at all: any project level, or any grant on one of
    /// its repositories (Bitbucket's implicit PROJECT_VIEW).
    /// </summary>
    public static bool CanViewProject(Permission projectLevel, bool hasAnyRepositoryAccess) =>
        projectLevel >= Permission.ProjectRead || hasAnyRepositoryAccess;

    private static Permission Max(Permission a, Permission b) => a >= b ? a : b;
}
