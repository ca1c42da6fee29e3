using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Groups;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.GlobalPermissions;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using GitHost.Services.Users;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Audit;

namespace GitHost.Services.Groups;

/// <summary>
/// Who is in which group. Membership is a grant in disguise: adding someone to a group that holds
/// more than the caller would hand out a level the caller does not have (401), removing someone
/// from such a group is refused (403), and removing yourself from the group that makes you an
/// administrator is refused (409).
/// </summary>
public sealed class GroupMembershipService(GitHostDbContext db, GlobalLevels levels, PermissionService permissions, OutboxWriter outbox, AuditWriter audit)
{
    public async Task AddUserToGroupsAsync(Principal principal, string? userName, IReadOnlyList<string>? groupNames, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var user = await UserFilters.FindByNameAsync(db, userName, "user", cancellationToken);
        var groups = await FindAllAsync(groupNames, "groups", cancellationToken);
        foreach (var group in groups)
        {
            await DemandMayGrantAsync(callerLevel, group, cancellationToken);
        }

        await AddAsync(principal, [user], groups, cancellationToken);
    }

    public async Task AddUsersToGroupAsync(Principal principal, string? groupName, IReadOnlyList<string>? userNames, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var group = await GroupLookup.FindAsync(db, groupName, "group", cancellationToken);
        if (userNames is null || userNames.Count == 0)
        {
            throw GitHostException.Invalid("At least one user name is required.", "users");
        }

        var members = new List<UserEntity>();
        foreach (var name in userNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            members.Add(await UserFilters.FindByNameAsync(db, name, "users", cancellationToken));
        }

        await DemandMayGrantAsync(callerLevel, group, cancellationToken);
        await AddAsync(principal, members, [group], cancellationToken);
    }

    public async Task RemoveUserFromGroupAsync(Principal principal, string? userName, string? groupName, string userContext, string groupContext, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var user = await UserFilters.FindByNameAsync(db, userName, userContext, cancellationToken);
        var group = await GroupLookup.FindAsync(db, groupName, groupContext, cancellationToken);
        if (await levels.OfGroupAsync(group.Id, cancellationToken) > callerLevel)
        {
            throw GlobalLevels.HigherThanCaller($"group {group.Name}");
        }

        var membership = await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == group.Id && m.UserId == user.Id, cancellationToken);
        if (membership is null)
        {
            return;
        }

        db.GroupMembers.Remove(membership);
        outbox.Add("group:membership", principal.UserId, new { action = "removed", group = group.Name, users = new[] { user.UserName } });
        audit.Record(AuditAction.MembershipRemoved, AuditSubject.Group(group.Name), before: new { user = user.UserName, group = group.Name });
        await levels.SaveUnlessSelfDemotionAsync(principal, cancellationToken);
    }

    /// <summary><c>/admin/groups/more-members</c> (members) and <c>more-non-members</c>.</summary>
    public async Task<Page<UserEntity>> UsersAsync(
        Principal principal, string? groupName, bool members, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        await levels.DemandAdminAsync(principal, cancellationToken);
        var groupId = (await GroupLookup.FindAsync(db, groupName, "context", cancellationToken)).Id;
        var users = db.Users.AsNoTracking().Matching(filter);
        users = members
            ? users.Where(u => db.GroupMembers.Any(m => m.GroupId == groupId && m.UserId == u.Id))
            : users.Where(u => !db.GroupMembers.Any(m => m.GroupId == groupId && m.UserId == u.Id));
        return await users.OrderBy(u => u.Slug).ToPageAsync(page, cancellationToken);
    }

    /// <summary><c>/admin/users/more-members</c> (the user's groups) and <c>more-non-members</c>.</summary>
    public async Task<Page<GroupView>> GroupsAsync(
        Principal principal, string? userName, bool members, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var userId = (await UserFilters.FindByNameAsync(db, userName, "context", cancellationToken)).Id;
        var groups = db.Groups.AsNoTracking().Matching(filter);
        groups = members
            ? groups.Where(g => db.GroupMembers.Any(m => m.GroupId == g.Id && m.UserId == userId))
            : groups.Where(g => !db.GroupMembers.Any(m => m.GroupId == g.Id && m.UserId == userId));
        return await GroupView.PageAsync(db, groups, callerLevel, page, cancellationToken);
    }

    private async Task AddAsync(Principal principal, IReadOnlyList<UserEntity> users, IReadOnlyList<GroupEntity> groups, CancellationToken cancellationToken)
    {
        var groupIds = groups.Select(g => g.Id).ToList();
        var userIds = users.Select(u => u.Id).ToList();
        var existing = (await db.GroupMembers.AsNoTracking()
                .Where(m => groupIds.Contains(m.GroupId) && userIds.Contains(m.UserId))
                .Select(m => new { m.GroupId, m.UserId })
                .ToListAsync(cancellationToken))
            .Select(m => (m.GroupId, m.UserId)).ToHashSet();
        var added = false;
        foreach (var group in groups)
        {
            foreach (var user in users.Where(u => !existing.Contains((group.Id, u.Id))))
            {
                db.GroupMembers.Add(new GroupMemberEntity { GroupId = group.Id, UserId = user.Id });
                audit.Record(AuditAction.MembershipAdded, AuditSubject.Group(group.Name), after: new { user = user.UserName, group = group.Name });
                added = true;
            }
        }

        if (!added)
        {
            return;
        }

        outbox.Add("group:membership", principal.UserId, new
        {
            action = "added",
            groups = groups.Select(g => g.Name),
            users = users.Select(u => u.UserName),
        });
        await db.SaveChangesAsync(cancellationToken);
        permissions.InvalidateGrants();
    }

    private async Task<List<GroupEntity>> FindAllAsync(IReadOnlyList<string>? names, string context, CancellationToken cancellationToken)
    {
        if (names is null || names.Count == 0)
        {
            throw GitHostException.Invalid("At least one group name is required.", context);
        }

        var groups = new List<GroupEntity>();
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            groups.Add(await GroupLookup.FindAsync(db, name, context, cancellationToken));
        }

        return groups;
    }

    /// <summary>Joining a group grants its global permission; nobody may grant more than they hold.</summary>
    private async Task DemandMayGrantAsync(Permission callerLevel, GroupEntity group, CancellationToken cancellationToken)
    {
        if (await levels.OfGroupAsync(group.Id, cancellationToken) > callerLevel)
        {
            throw GitHostException.NotPermitted();
        }
    }
}
