using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Groups;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Users;
using GitHost.Services.Groups;

namespace GitHost.Services.ProjectPermissions;

/// <summary>Who holds which grant on a project, and who holds none. Project administrators only.</summary>
public sealed class ProjectPermissionQueries(GitHostDbContext db, ProjectLookup projects)
{
    public async Task<Page<PermittedUser>> UsersAsync(Principal principal, string key, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var query = from g in db.ProjectUserPermissions.AsNoTracking()
                    join u in db.Users.AsNoTracking().Matching(filter) on g.UserId equals u.Id
                    where g.ProjectId == project.Id
                    orderby u.NormalizedUserName
                    select new PermittedUser { User = u, Permission = g.Permission };
        return await query.ToPageAsync(page, cancellationToken);
    }

    public async Task<Page<PermittedGroup>> GroupsAsync(Principal principal, string key, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var query = from g in db.ProjectGroupPermissions.AsNoTracking()
                    join gr in db.Groups.AsNoTracking().Matching(filter) on g.GroupId equals gr.Id
                    where g.ProjectId == project.Id
                    orderby gr.NormalizedName
                    select new PermittedGroup { Group = gr, Permission = g.Permission };
        return await query.ToPageAsync(page, cancellationToken);
    }

    /// <summary>Active users without a direct grant on the project (group and default grants do not count).</summary>
    public async Task<Page<UserEntity>> UsersWithoutGrantAsync(Principal principal, string key, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var granted = db.ProjectUserPermissions.Where(g => g.ProjectId == project.Id).Select(g => g.UserId);
        return await db.Users.AsNoTracking().Matching(filter)
            .Where(u => u.Active && !granted.Contains(u.Id))
            .OrderBy(u => u.NormalizedUserName)
            .ToPageAsync(page, cancellationToken);
    }

    public async Task<Page<GroupEntity>> GroupsWithoutGrantAsync(Principal principal, string key, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var granted = db.ProjectGroupPermissions.Where(g => g.ProjectId == project.Id).Select(g => g.GroupId);
        return await db.Groups.AsNoTracking().Matching(filter)
            .Where(g => !granted.Contains(g.Id))
            .OrderBy(g => g.NormalizedName)
            .ToPageAsync(page, cancellationToken);
    }

    /// <summary>Whether every licensed user holds <paramref name="permissionName"/> through the project's default grant.</summary>
    public async Task<bool> AllUsersPermittedAsync(Principal principal, string key, string? permissionName, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var permission = DefaultPermission.Parse(permissionName);
        return project.DefaultPermission >= permission;
    }
}
