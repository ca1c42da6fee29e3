using GitHost.Core.Permissions;
using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using GitHost.Data.SshKeys;

namespace GitHost.Services.Ssh;

/// <summary>
/// Where access keys are being managed: a project (<see cref="Repository"/> null) or a repository.
/// Built by <see cref="AccessKeyTargets"/> only after the caller was found to administer it.
/// </summary>
public sealed record AccessKeyTarget(ProjectEntity Project, RepositoryEntity? Repository)
{
    public PermissionScope Scope => Repository is null ? PermissionScope.Project : PermissionScope.Repository;

    public IQueryable<AccessKeyGrantEntity> Filter(IQueryable<AccessKeyGrantEntity> grants) => Repository is { } repository
        ? grants.Where(g => g.RepositoryId == repository.Id)
        : grants.Where(g => g.ProjectId == Project.Id && g.RepositoryId == null);

    public AccessKeyGrantEntity NewGrant(long keyId, Permission permission, long now) => new()
    {
        KeyId = keyId,
        ProjectId = Repository is null ? Project.Id : null,
        RepositoryId = Repository?.Id,
        Permission = permission,
        CreatedDate = now,
    };

    /// <summary>READ or WRITE of this scope; access keys never administer.</summary>
    public Permission ParsePermission(string? name)
    {
        var permission = PermissionNames.ParseIn(name, Scope);
        if (permission is Permission.ProjectAdmin or Permission.RepoAdmin)
        {
            var allowed = Scope == PermissionScope.Project ? "PROJECT_READ or PROJECT_WRITE" : "REPO_READ or REPO_WRITE";
            throw Core.Failures.GitHostException.Invalid($"Access keys can only read or write; use {allowed}.", "permission");
        }

        return permission;
    }

    /// <summary>A description for events and logs.</summary>
    public object Describe() => Repository is { } repository
        ? new { kind = "REPOSITORY", repository = new { repository.Id, repository.Slug, project = new { Project.Key } } }
        : new { kind = "PROJECT", project = new { Project.Key } };
}
