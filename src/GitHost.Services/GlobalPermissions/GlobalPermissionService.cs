using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Permissions;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.Groups;
using GitHost.Services.Outbox;
using GitHost.Services.Users;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Audit;

namespace GitHost.Services.GlobalPermissions;

/// <summary>
/// <c>/admin/permissions/users</c> and <c>/groups</c>. The caller needs ADMIN, may grant only what
/// they hold (401), may not change someone who holds more (409), and may not lower their own level
/// (409), as Bitbucket's API documents.
/// </summary>
public sealed class GlobalPermissionService(GitHostDbContext db, GlobalLevels levels, OutboxWriter outbox, AuditWriter audit)
{
    public async Task<Page<PermittedUser>> UsersAsync(Principal principal, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        await levels.DemandAdminAsync(principal, cancellationToken);
        var query = from u in db.Users.AsNoTracking().Matching(filter)
                    join g in db.GlobalUserPermissions.AsNoTracking() on u.Id equals g.UserId
                    orderby u.Slug
                    select new PermittedUser(u, g.Permission);
        return await query.ToPageAsync(page, cancellationToken);
    }

    public async Task<Page<UserEntity>> UsersWithoutAsync(Principal principal, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        await levels.DemandAdminAsync(principal, cancellationToken);
        return await db.Users.AsNoTracking().Matching(filter)
            .Where(u => !db.GlobalUserPermissions.Any(g => g.UserId == u.Id))
            .OrderBy(u => u.Slug).ToPageAsync(page, cancellationToken);
    }

    public async Task<Page<PermittedGroup>> GroupsAsync(Principal principal, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        await levels.DemandAdminAsync(principal, cancellationToken);
        var query = from gr in db.Groups.AsNoTracking().Matching(filter)
                    join g in db.GlobalGroupPermissions.AsNoTracking() on gr.Id equals g.GroupId
                    orderby gr.NormalizedName
                    select new PermittedGroup(gr.Name, g.Permission);
        return await query.ToPageAsync(page, cancellationToken);
    }

    public async Task<Page<GroupView>> GroupsWithoutAsync(Principal principal, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var groups = db.Groups.AsNoTracking().Matching(filter).Where(gr => !db.GlobalGroupPermissions.Any(g => g.GroupId == gr.Id));
        return await GroupView.PageAsync(db, groups, callerLevel, page, cancellationToken);
    }

    /// <summary><c>PUT ?name=&amp;permission=</c>: LICENSED_USER, PROJECT_CREATE, ADMIN or SYS_ADMIN.</summary>
    public async Task GrantUsersAsync(Principal principal, IReadOnlyList<string>? names, string? permission, CancellationToken cancellationToken)
    {
        await levels.DemandAdminAsync(principal, cancellationToken);
        await SetUsersAsync(principal, names, PermissionNames.ParseIn(permission, PermissionScope.Global), cancellationToken);
    }

    public Task RevokeUsersAsync(Principal principal, IReadOnlyList<string>? names, CancellationToken cancellationToken) =>
        SetUsersAsync(principal, names, Permission.None, cancellationToken);

    public async Task GrantGroupsAsync(Principal principal, IReadOnlyList<string>? names, string? permission, CancellationToken cancellationToken)
    {
        await levels.DemandAdminAsync(principal, cancellationToken);
        await SetGroupsAsync(principal, names, PermissionNames.ParseIn(permission, PermissionScope.Global), cancellationToken);
    }

    public Task RevokeGroupsAsync(Principal principal, IReadOnlyList<string>? names, CancellationToken cancellationToken) =>
        SetGroupsAsync(principal, names, Permission.None, cancellationToken);

    /// <summary>Sets (or with <paramref name="permission"/> None, revokes) the users' global permission.</summary>
    private async Task SetUsersAsync(Principal principal, IReadOnlyList<string>? names, Permission permission, CancellationToken cancellationToken)
    {
        var callerLevel = await DemandMayGrantAsync(principal, permission, cancellationToken);
        foreach (var name in RequireNames(names))
        {
            var user = await UserFilters.FindByNameAsync(db, name, "name", cancellationToken);
            if (await levels.OfUserAsync(user.Id, cancellationToken) > callerLevel)
            {
                throw HigherThanCaller(name);
            }

            var grant = await db.GlobalUserPermissions.FirstOrDefaultAsync(g => g.UserId == user.Id, cancellationToken);
            audit.Record(AuditAction.GlobalPermissionChanged, AuditSubject.User(user.Id, user.UserName), new { permission = WireName(grant?.Permission ?? Permission.None) }, new { permission = WireName(permission) });
            if (grant is null && permission != Permission.None)
            {
                db.GlobalUserPermissions.Add(new GlobalUserPermissionEntity { UserId = user.Id, Permission = permission });
            }
            else if (grant is not null && permission == Permission.None)
            {
                db.GlobalUserPermissions.Remove(grant);
            }
            else if (grant is not null)
            {
                grant.Permission = permission;
            }

            outbox.Add("permission:global.changed", principal.UserId, new { user = user.UserName, permission = WireName(permission) });
        }

        await levels.SaveUnlessSelfDemotionAsync(principal, cancellationToken);
    }

    private async Task SetGroupsAsync(Principal principal, IReadOnlyList<string>? names, Permission permission, CancellationToken cancellationToken)
    {
        var callerLevel = await DemandMayGrantAsync(principal, permission, cancellationToken);
        foreach (var name in RequireNames(names))
        {
            var group = await GroupLookup.FindAsync(db, name, "name", cancellationToken);
            if (await levels.OfGroupAsync(group.Id, cancellationToken) > callerLevel)
            {
                throw HigherThanCaller(name);
            }

            var grant = await db.GlobalGroupPermissions.FirstOrDefaultAsync(g => g.GroupId == group.Id, cancellationToken);
            audit.Record(AuditAction.GlobalPermissionChanged, AuditSubject.Group(group.Name), new { permission = WireName(grant?.Permission ?? Permission.None) }, new { permission = WireName(permission) });
            if (grant is null && permission != Permission.None)
            {
                db.GlobalGroupPermissions.Add(new GlobalGroupPermissionEntity { GroupId = group.Id, Permission = permission });
            }
            else if (grant is not null && permission == Permission.None)
            {
                db.GlobalGroupPermissions.Remove(grant);
            }
            else if (grant is not null)
            {
                grant.Permission = permission;
            }

            outbox.Add("permission:global.changed", principal.UserId, new { group = group.Name, permission = WireName(permission) });
        }

        await levels.SaveUnlessSelfDemotionAsync(principal, cancellationToken);
    }

    private async Task<Permission> DemandMayGrantAsync(Principal principal, Permission permission, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        if (permission > callerLevel)
        {
            throw GitHostException.NotPermitted();
        }

        return callerLevel;
    }

    private static IEnumerable<string> RequireNames(IReadOnlyList<string>? names) =>
        names is { Count: > 0 } ? names.Distinct(StringComparer.OrdinalIgnoreCase) : throw GitHostException.Invalid("At least one name is required.", "name");

    private static string? WireName(Permission permission) => permission == Permission.None ? null : permission.ToWireName();

    private static GitHostException HigherThanCaller(string name) =>
        new(FailureKind.Conflict, $"You cannot change the permission of {name}: it holds a higher global permission than you.", "name");
}
