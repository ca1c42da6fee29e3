using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Permissions;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Audit;

namespace GitHost.Services.ProjectPermissions;

/// <summary>
/// Grants and revokes project permissions for users, groups and all licensed users. Every change
/// is refused if it would take the caller's own admin away, writes an outbox event in the same
/// transaction, and makes every cached grant stale at once.
/// </summary>
public sealed class ProjectPermissionService(
    GitHostDbContext db, ProjectLookup projects, PermissionService permissions, SelfDemotionGuard guard, OutboxWriter outbox, AuditWriter audit)
{
    public const string GrantedEvent = "project:permission.granted";
    public const string RevokedEvent = "project:permission.revoked";

    public async Task GrantUsersAsync(Principal principal, string key, IReadOnlyList<string>? names, string? permissionName, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var permission = GrantablePermissions.Parse(permissionName, PermissionScope.Project);
        var users = await GrantTargets.UsersAsync(db, names, cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var existing = await db.ProjectUserPermissions.Where(g => g.ProjectId == project.Id && ids.Contains(g.UserId)).ToListAsync(cancellationToken);
        GrantUpsert.Apply(
            db.ProjectUserPermissions, existing, g => g.UserId, ids, id => new ProjectUserPermissionEntity { ProjectId = project.Id, UserId = id }, permission);
        foreach (var user in users)
        {
            outbox.Add(GrantedEvent, principal.UserId, new { project = new { project.Key }, user = new { name = user.UserName }, permission = permission.ToWireName() });
            audit.Record(AuditAction.ProjectPermissionGranted, AuditSubject.Within("USER", user.Id, user.UserName, project, null), after: new { permission = permission.ToWireName() });
        }

        await guard.SaveAsync(principal, project, null, SelfDemotionGuard.LoweredByGrant, cancellationToken);
        permissions.InvalidateGrants();
    }

    public async Task GrantGroupsAsync(Principal principal, string key, IReadOnlyList<string>? names, string? permissionName, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var permission = GrantablePermissions.Parse(permissionName, PermissionScope.Project);
        var groups = await GrantTargets.GroupsAsync(db, names, cancellationToken);
        var ids = groups.Select(g => g.Id).ToList();
        var existing = await db.ProjectGroupPermissions.Where(g => g.ProjectId == project.Id && ids.Contains(g.GroupId)).ToListAsync(cancellationToken);
        GrantUpsert.Apply(
            db.ProjectGroupPermissions, existing, g => g.GroupId, ids, id => new ProjectGroupPermissionEntity { ProjectId = project.Id, GroupId = id }, permission);
        foreach (var group in groups)
        {
            outbox.Add(GrantedEvent, principal.UserId, new { project = new { project.Key }, group = new { group.Name }, permission = permission.ToWireName() });
            audit.Record(AuditAction.ProjectPermissionGranted, AuditSubject.Within("GROUP", group.Id, group.Name, project, null), after: new { permission = permission.ToWireName() });
        }

        await guard.SaveAsync(principal, project, null, SelfDemotionGuard.LoweredByGrant, cancellationToken);
        permissions.InvalidateGrants();
    }

    public async Task RevokeUsersAsync(Principal principal, string key, IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var users = await GrantTargets.UsersAsync(db, names, cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var grants = await db.ProjectUserPermissions.Where(g => g.ProjectId == project.Id && ids.Contains(g.UserId)).ToListAsync(cancellationToken);
        foreach (var grant in grants)
        {
            db.ProjectUserPermissions.Remove(grant);
            var user = users.First(u => u.Id == grant.UserId);
            outbox.Add(RevokedEvent, principal.UserId, new { project = new { project.Key }, user = new { name = user.UserName }, permission = grant.Permission.ToWireName() });
            audit.Record(AuditAction.ProjectPermissionRevoked, AuditSubject.Within("USER", user.Id, user.UserName, project, null), before: new { permission = grant.Permission.ToWireName() });
        }

        await guard.SaveAsync(principal, project, null, SelfDemotionGuard.LoweredByRevoke, cancellationToken);
        permissions.InvalidateGrants();
    }

    public async Task RevokeGroupsAsync(Principal principal, string key, IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var groups = await GrantTargets.GroupsAsync(db, names, cancellationToken);
        var ids = groups.Select(g => g.Id).ToList();
        var grants = await db.ProjectGroupPermissions.Where(g => g.ProjectId == project.Id && ids.Contains(g.GroupId)).ToListAsync(cancellationToken);
        foreach (var grant in grants)
        {
            db.ProjectGroupPermissions.Remove(grant);
            var group = groups.First(g => g.Id == grant.GroupId);
            outbox.Add(RevokedEvent, principal.UserId, new { project = new { project.Key }, group = new { group.Name }, permission = grant.Permission.ToWireName() });
            audit.Record(AuditAction.ProjectPermissionRevoked, AuditSubject.Within("GROUP", group.Id, group.Name, project, null), before: new { permission = grant.Permission.ToWireName() });
        }

        await guard.SaveAsync(principal, project, null, SelfDemotionGuard.LoweredByRevoke, cancellationToken);
        permissions.InvalidateGrants();
    }

    /// <summary>Turns the project's "all licensed users" grant of <paramref name="permissionName"/> on or off.</summary>
    public async Task SetAllUsersAsync(Principal principal, string key, string? permissionName, bool allow, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        var permission = DefaultPermission.Parse(permissionName);
        var before = project.DefaultPermission;
        project.DefaultPermission = DefaultPermission.Apply(before, permission, allow);
        if (project.DefaultPermission == before)
        {
            return;
        }

        outbox.Add(allow ? GrantedEvent : RevokedEvent, principal.UserId,
            new { project = new { project.Key }, allUsers = true, permission = permission.ToWireName() });
            audit.Record(allow ? AuditAction.ProjectPermissionGranted : AuditAction.ProjectPermissionRevoked, AuditSubject.Project(project), new { defaultPermission = before.ToString() }, new { defaultPermission = project.DefaultPermission.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        permissions.InvalidateGrants();
    }
}
