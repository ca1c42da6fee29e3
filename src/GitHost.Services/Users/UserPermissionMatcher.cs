using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using GitHost.Data.Users;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Users;

/// <summary>A permission filter with its project or repository looked up.</summary>
public sealed record ResolvedPermissionFilter(Permission Permission, ProjectEntity? Project, RepositoryEntity? Repository);

/// <summary>
/// Evaluates <c>permission.N</c> filters of <c>GET /users</c>: first as SQL that keeps every user
/// who could qualify (grants of the user or their groups, global administrators, the owner, or
/// everyone when a default or public grant suffices), then exactly, through PermissionService.
/// </summary>
public sealed class UserPermissionMatcher(
    GitHostDbContext db, PermissionService permissions, ProjectLookup projects, RepositoryLookup repositories)
{
    public async Task<ResolvedPermissionFilter> ResolveAsync(Principal caller, UserPermissionFilter filter, CancellationToken cancellationToken)
    {
        var scope = PermissionScopes.ScopeOf(filter.Permission);
        if (scope == PermissionScope.Global)
        {
            return new ResolvedPermissionFilter(filter.Permission, null, null);
        }

        if (scope == PermissionScope.Project)
        {
            var project = await FindProjectAsync(filter, cancellationToken);
            if (project is null || !await permissions.CanViewProjectAsync(caller, project, cancellationToken))
            {
                throw GitHostException.Invalid($"The project named by {filter.Context} does not exist.", filter.Context + ".projectKey");
            }

            return new ResolvedPermissionFilter(filter.Permission, project, null);
        }

        var found = await FindRepositoryAsync(filter, cancellationToken);
        if (found is null || await permissions.RepositoryLevelAsync(caller, found.Repository, found.Project, cancellationToken) < Permission.RepoRead)
        {
            throw GitHostException.Invalid($"The repository named by {filter.Context} does not exist.", filter.Context + ".repositorySlug");
        }

        return new ResolvedPermissionFilter(filter.Permission, found.Project, found.Repository);
    }

    /// <summary>Keeps the users who could hold the filter's level; never drops one who does.</summary>
    public IQueryable<UserEntity> Narrow(IQueryable<UserEntity> users, ResolvedPermissionFilter filter)
    {
        var level = filter.Permission;
        if (filter.Project is null)
        {
            // Every user is a licensed user (see AccessGrantsLoader).
            return level <= Permission.LicensedUser ? users : users.Where(u => GlobalHolders(level).Contains(u.Id));
        }

        var project = filter.Project;
        var projectId = project.Id;
        var ownerId = project.OwnerId ?? -1;
        var publicRead = permissions.PublicAccessEnabled;
        IQueryable<long> holders;
        if (filter.Repository is null)
        {
            if (project.DefaultPermission >= level || (publicRead && project.IsPublic && level <= Permission.ProjectRead))
            {
                return users;
            }

            holders = GlobalHolders(Permission.Admin)
                .Union(db.ProjectUserPermissions.Where(g => g.ProjectId == projectId && g.Permission >= level).Select(g => g.UserId))
                .Union(from m in db.GroupMembers
                       join g in db.ProjectGroupPermissions on m.GroupId equals g.GroupId
                       where g.ProjectId == projectId && g.Permission >= level
                       select m.UserId);
            return users.Where(u => u.Id == ownerId || holders.Contains(u.Id));
        }

        var repository = filter.Repository;
        var repositoryId = repository.Id;
        if (PermissionScopes.ToRepositoryLevel(project.DefaultPermission) >= level
            || (publicRead && (project.IsPublic || repository.IsPublic) && level <= Permission.RepoRead))
        {
            return users;
        }

        var projectLevel = PermissionScopes.ProjectLevelForRepositoryLevel(level);
        holders = GlobalHolders(Permission.Admin)
            .Union(db.ProjectUserPermissions.Where(g => g.ProjectId == projectId && g.Permission >= projectLevel).Select(g => g.UserId))
            .Union(from m in db.GroupMembers
                   join g in db.ProjectGroupPermissions on m.GroupId equals g.GroupId
                   where g.ProjectId == projectId && g.Permission >= projectLevel
                   select m.UserId)
            .Union(db.RepositoryUserPermissions.Where(g => g.RepositoryId == repositoryId && g.Permission >= level).Select(g => g.UserId))
            .Union(from m in db.GroupMembers
                   join g in db.RepositoryGroupPermissions on m.GroupId equals g.GroupId
                   where g.RepositoryId == repositoryId && g.Permission >= level
                   select m.UserId);
        return users.Where(u => u.Id == ownerId || holders.Contains(u.Id));
    }

    public async Task<bool> MatchesAllAsync(UserEntity user, IReadOnlyList<ResolvedPermissionFilter> filters, CancellationToken cancellationToken)
    {
        var principal = new Principal(user.Id, user.UserName);
        foreach (var filter in filters)
        {
            var level = filter switch
            {
                { Repository: { } repository, Project: { } project } =>
                    await permissions.RepositoryLevelAsync(principal, repository, project, cancellationToken),
                { Project: { } project } => await permissions.ProjectLevelAsync(principal, project, cancellationToken),
                _ => await permissions.GlobalLevelAsync(principal, cancellationToken),
            };
            if (level < filter.Permission)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Users holding at least <paramref name="level"/> globally, directly or through a group.</summary>
    private IQueryable<long> GlobalHolders(Permission level) =>
        db.GlobalUserPermissions.Where(g => g.Permission >= level).Select(g => g.UserId)
            .Union(from m in db.GroupMembers
                   join g in db.GlobalGroupPermissions on m.GroupId equals g.GroupId
                   where g.Permission >= level
                   select m.UserId);

    private async Task<ProjectEntity?> FindProjectAsync(UserPermissionFilter filter, CancellationToken cancellationToken)
    {
        if (filter.ProjectId is { } id)
        {
            return await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        }

        return filter.ProjectKey is { } key ? await projects.FindAsync(key, cancellationToken) : null;
    }

    private async Task<RepositoryWithProject?> FindRepositoryAsync(UserPermissionFilter filter, CancellationToken cancellationToken)
    {
        if (filter.RepositoryId is { } id)
        {
            var repository = await db.Repositories.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            var project = repository is null ? null
                : await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == repository.ProjectId, cancellationToken);
            return project is null ? null : new RepositoryWithProject { Repository = repository!, Project = project };
        }

        return filter.ProjectKey is { } key && filter.RepositorySlug is { } slug
            ? await repositories.FindAsync(key, slug, cancellationToken)
            : null;
    }
}
