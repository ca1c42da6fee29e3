using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Permissions;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Audit;

namespace GitHost.Services.RepositoryPermissions;

/// <summary>
/// Grants and revokes repository permissions for users and groups, with the same guarantees as
/// project grants: no self-demotion, an outbox event per change, caches stale at once.
/// </summary>
public sealed class RepositoryPermissionService(
    GitHostDbContext db, RepositoryLookup repositories, PermissionService permissions, SelfDemotionGuard guard, OutboxWriter outbox, AuditWriter audit)
{
    public const string GrantedEvent = "repo:permission.granted";
    public const string RevokedEvent = "repo:permission.revoked";

    public async Task GrantUsersAsync(
        Principal principal, string key, string slug, IReadOnlyList<string>? names, string? permissionName, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, key, slug, Permission.RepoAdmin, cancellationToken);
        var permission = GrantablePermissions.Parse(permissionName, PermissionScope.Repository);
        var users = await GrantTargets.UsersAsync(db, names, cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var repositoryId = found.Repository.Id;
        var existing = await db.RepositoryUserPermissions.Where(g => g.RepositoryId == repositoryId && ids.Contains(g.UserId)).ToListAsync(cancellationToken);
        GrantUpsert.Apply(
            db.RepositoryUserPermissions, existing, g => g.UserId, ids, id => new RepositoryUserPermissionEntity { RepositoryId = repositoryId, UserId = id }, permission);
        foreach (var user in users)
        {
            outbox.Add(GrantedEvent, principal.UserId, Payload(found, new { name = user.UserName }, null, permission));
            audit.Record(AuditAction.RepositoryPermissionGranted, AuditSubject.Within("USER", user.Id, user.UserName, found.Project, found.Repository), after: new { permission = permission.ToWireName() });
        }

        await guard.SaveAsync(principal, found.Project, found.Repository, SelfDemotionGuard.LoweredByGrant, cancellationToken);
        permissions.InvalidateGrants();
    }

    public async Task GrantGroupsAsync(
        Principal principal, string key, string slug, IReadOnlyList<string>? names, string? permissionName, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, key, slug, Permission.RepoAdmin, cancellationToken);
        var permission = GrantablePermissions.Parse(permissionName, PermissionScope.Repository);
        var groups = await GrantTargets.GroupsAsync(db, names, cancellationToken);
        var ids = groups.Select(g => g.Id).ToList();
        var repositoryId = found.Repository.Id;
        var existing = await db.RepositoryGroupPermissions.Where(g => g.RepositoryId == repositoryId && ids.Contains(g.GroupId)).ToListAsync(cancellationToken);
        GrantUpsert.Apply(
            db.RepositoryGroupPermissions, existing, g => g.GroupId, ids, id => new RepositoryGroupPermissionEntity { RepositoryId = repositoryId, GroupId = id }, permission);
        foreach (var group in groups)
        {
            outbox.Add(GrantedEvent, principal.UserId, Payload(found, null, new { group.Name }, permission));
            audit.Record(AuditAction.RepositoryPermissionGranted, AuditSubject.Within("GROUP", group.Id, group.Name, found.Project, found.Repository), after: new { permission = permission.ToWireName() });
        }

        await guard.SaveAsync(principal, found.Project, found.Repository, SelfDemotionGuard.LoweredByGrant, cancellationToken);
        permissions.InvalidateGrants();
    }

    public async Task RevokeUsersAsync(Principal principal, string key, string slug, IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, key, slug, Permission.RepoAdmin, cancellationToken);
        var users = await GrantTargets.UsersAsync(db, names, cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var repositoryId = found.Repository.Id;
        var grants = await db.RepositoryUserPermissions.Where(g => g.RepositoryId == repositoryId && ids.Contains(g.UserId)).ToListAsync(cancellationToken);
        foreach (var grant in grants)
        {
            db.RepositoryUserPermissions.Remove(grant);
            var user = users.First(u => u.Id == grant.UserId);
            outbox.Add(RevokedEvent, principal.UserId, Payload(found, new { name = user.UserName }, null, grant.Permission));
            audit.Record(AuditAction.RepositoryPermissionRevoked, AuditSubject.Within("USER", user.Id, user.UserName, found.Project, found.Repository), before: new { permission = grant.Permission.ToWireName() });
        }

        await guard.SaveAsync(principal, found.Project, found.Repository, SelfDemotionGuard.LoweredByRevoke, cancellationToken);
        permissions.InvalidateGrants();
    }

    public async Task RevokeGroupsAsync(Principal principal, string key, string slug, IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, key, slug, Permission.RepoAdmin, cancellationToken);
        var groups = await GrantTargets.GroupsAsync(db, names, cancellationToken);
        var ids = groups.Select(g => g.Id).ToList();
        var repositoryId = found.Repository.Id;
        var grants = await db.RepositoryGroupPermissions.Where(g => g.RepositoryId == repositoryId && ids.Contains(g.GroupId)).ToListAsync(cancellationToken);
        foreach (var grant in grants)
        {
            db.RepositoryGroupPermissions.Remove(grant);
            var group = groups.First(g => g.Id == grant.GroupId);
            outbox.Add(RevokedEvent, principal.UserId, Payload(found, null, new { group.Name }, grant.Permission));
            audit.Record(AuditAction.RepositoryPermissionRevoked, AuditSubject.Within("GROUP", group.Id, group.Name, found.Project, found.Repository), before: new { permission = grant.Permission.ToWireName() });
        }

        await guard.SaveAsync(principal, found.Project, found.Repository, SelfDemotionGuard.LoweredByRevoke, cancellationToken);
        permissions.InvalidateGrants();
    }

    private static object Payload(RepositoryWithProject found, object? user, object? group, Permission permission) => new
    {
        repository = new { found.Repository.Id, found.Repository.Slug, project = new { found.Project.Key } },
        user,
        group,
        permission = permission.ToWireName(),
    };
}
