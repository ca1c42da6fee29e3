using GitHost.Core.Failures;
using GitHost.Core.Permissions;

namespace GitHost.Services.AccessTokens;

/// <summary>
/// The levels a token carries. Personal and project tokens carry one project level and one
/// repository level, and the repository level must be at least what the project level implies
/// (PROJECT_WRITE needs REPO_WRITE or REPO_ADMIN); a missing project level is PROJECT_READ and a
/// missing repository level is the one the project level implies. Repository tokens carry one
/// repository level and no project level.
/// <code>
/// Parse(Personal, ["REPO_ADMIN", "PROJECT_READ"]) → (ProjectRead, RepoAdmin)
/// Parse(Repository, ["REPO_WRITE"])               → (None, RepoWrite)
/// Parse(Personal, ["PROJECT_WRITE", "REPO_READ"]) → 400
/// </code>
/// </summary>
public static class AccessTokenPermissions
{
    public static (Permission Project, Permission Repository) Parse(AccessTokenKind kind, IReadOnlyList<string?>? names)
    {
        if (names is null || names.Count == 0)
        {
            throw GitHostException.Invalid("At least one permission is required, e.g. [\"PROJECT_READ\", \"REPO_READ\"].", "permissions");
        }

        Permission? project = null;
        Permission? repository = null;
        foreach (var name in names)
        {
            if (!PermissionNames.TryParse(name, out var permission) || permission == Permission.ProjectView
                || PermissionScopes.ScopeOf(permission) == PermissionScope.Global)
            {
                throw GitHostException.Invalid(
                    $"'{name}' is not a token permission; use PROJECT_READ, PROJECT_WRITE, PROJECT_ADMIN, REPO_READ, REPO_WRITE or REPO_ADMIN.", "permissions");
            }

            ref var slot = ref permission.IsIn(PermissionScope.Project) ? ref project : ref repository;
            if (slot is { } other && other != permission)
            {
                throw GitHostException.Invalid("A token carries one project permission and one repository permission.", "permissions");
            }

            slot = permission;
        }

        if (kind == AccessTokenKind.Repository)
        {
            return project is null
                ? (Permission.None, repository!.Value)
                : throw GitHostException.Invalid("Repository tokens cannot carry project permissions; give one of REPO_READ, REPO_WRITE or REPO_ADMIN.", "permissions");
        }

        var projectLevel = project ?? Permission.ProjectRead;
        var implied = PermissionScopes.ToRepositoryLevel(projectLevel);
        var repositoryLevel = repository ?? implied;
        if (repositoryLevel < implied)
        {
            throw GitHostException.Invalid(
                $"{projectLevel.ToWireName()} needs a repository permission of at least {implied.ToWireName()}.", "permissions");
        }

        return (projectLevel, repositoryLevel);
    }

    /// <summary>The wire list of a token's levels, project first.</summary>
    public static IReadOnlyList<string> Names(Permission project, Permission repository) =>
        project == Permission.None ? [repository.ToWireName()] : [project.ToWireName(), repository.ToWireName()];
}
