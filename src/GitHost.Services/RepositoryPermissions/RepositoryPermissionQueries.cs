using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Groups;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Users;
using GitHost.Services.Groups;

namespace GitHost.Services.RepositoryPermissions;

/// <summary>Who holds which grant on a repository, and who holds none. Repository administrators only.</summary>
public sealed class RepositoryPermissionQueries(GitHostDbContext db, RepositoryLookup repositories)
{
    public async Task<Page<PermittedUser>> UsersAsync(
        Principal principal, string key, string slug, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var repositoryId = await RepositoryIdAsync(principal, key, slug, cancellationToken);
        var query = from g in db.RepositoryUserPermissions.AsNoTracking()
                    join u in db.Users.AsNoTracking().Matching(filter) on g.UserId equals u.Id
                    where g.RepositoryId == repositoryId
                    orderby u.NormalizedUserName
                    select new PermittedUser { User = u, Permission = g.Permission };
        return await query.ToPageAsync(page, cancellationToken);
    }

    public async Task<Page<PermittedGroup>> GroupsAsync(
        Principal principal, string key, string slug, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var repositoryId = await RepositoryIdAsync(principal, key, slug, cancellationToken);
        var query = from g in db.RepositoryGroupPermissions.AsNoTracking()
                    join gr in db.Groups.AsNoTracking().Matching(filter) on g.GroupId equals gr.Id
                    where g.RepositoryId == repositoryId
                    orderby gr.NormalizedName
                    select new PermittedGroup { Group = gr, Permission = g.Permission };
        return await query.ToPageAsync(page, cancellationToken);
    }

    /// <summary>Active users without a direct grant on the repository.</summary>
    public async Task<Page<UserEntity>> UsersWithoutGrantAsync(
        Principal principal, string key, string slug, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var repositoryId = await RepositoryIdAsync(principal, key, slug, cancellationToken);
        var granted = db.RepositoryUserPermissions.Where(g => g.RepositoryId == repositoryId).Select(g => g.UserId);
        return await db.Users.AsNoTracking().Matching(filter)
            .Where(u => u.Active && !granted.Contains(u.Id))
            .OrderBy(u => u.NormalizedUserName)
            .ToPageAsync(page, cancellationToken);
    }

    public async Task<Page<GroupEntity>> GroupsWithoutGrantAsync(
        Principal principal, string key, string slug, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var repositoryId = await RepositoryIdAsync(principal, key, slug, cancellationToken);
        var granted = db.RepositoryGroupPermissions.Where(g => g.RepositoryId == repositoryId).Select(g => g.GroupId);
        return await db.Groups.AsNoTracking().Matching(filter)
            .Where(g => !granted.Contains(g.Id))
            .OrderBy(g => g.NormalizedName)
            .ToPageAsync(page, cancellationToken);
    }

    private async Task<long> RepositoryIdAsync(Principal principal, string key, string slug, CancellationToken cancellationToken) =>
        (await repositories.FindWithLevelAsync(principal, key, slug, Permission.RepoAdmin, cancellationToken)).Repository.Id;
}
