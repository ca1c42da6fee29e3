using GitHost.Core.Permissions;
using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Permissions;

/// <summary>Gathers a user's own grants and those of every group the user belongs to.</summary>
internal static class AccessGrantsLoader
{
    public static async Task<AccessGrants> LoadAsync(GitHostDbContext db, long userId, CancellationToken cancellationToken)
    {
        var groupIds = await db.GroupMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken);

        var global = await db.GlobalUserPermissions.AsNoTracking().Where(g => g.UserId == userId).Select(g => g.Permission)
            .Concat(db.GlobalGroupPermissions.AsNoTracking().Where(g => groupIds.Contains(g.GroupId)).Select(g => g.Permission))
            .ToListAsync(cancellationToken);

        var projects = await db.ProjectUserPermissions.AsNoTracking().Where(g => g.UserId == userId)
            .Select(g => new { Id = g.ProjectId, g.Permission })
            .Concat(db.ProjectGroupPermissions.AsNoTracking().Where(g => groupIds.Contains(g.GroupId)).Select(g => new { Id = g.ProjectId, g.Permission }))
            .ToListAsync(cancellationToken);

        var repositories = await db.RepositoryUserPermissions.AsNoTracking().Where(g => g.UserId == userId)
            .Select(g => new { Id = g.RepositoryId, g.Permission })
            .Concat(db.RepositoryGroupPermissions.AsNoTracking().Where(g => groupIds.Contains(g.GroupId)).Select(g => new { Id = g.RepositoryId, g.Permission }))
            .ToListAsync(cancellationToken);

        // Every authenticated, active user is licensed; explicit grants can only raise that.
        var globalLevel = global.Append(Permission.LicensedUser).Max();
        return new AccessGrants(
            globalLevel,
            projects.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Max(p => p.Permission)),
            repositories.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Max(r => r.Permission)));
    }
}
