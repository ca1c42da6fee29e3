using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Groups;
using GitHost.Services.Common;
using GitHost.Services.GlobalPermissions;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Audit;

namespace GitHost.Services.Groups;

/// <summary><c>GET /groups</c> and <c>/admin/groups</c>: listing, creating and deleting groups.</summary>
public sealed class GroupService(GitHostDbContext db, PermissionService permissions, GlobalLevels levels, OutboxWriter outbox, EpochClock clock, AuditWriter audit)
{
    /// <summary>Group names for pickers; any licensed user may read them.</summary>
    public async Task<Page<string>> NamesAsync(Principal principal, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.LicensedUser, cancellationToken);
        return await db.Groups.AsNoTracking().Matching(filter).OrderBy(g => g.NormalizedName).Select(g => g.Name)
            .ToPageAsync(page, cancellationToken);
    }

    public async Task<Page<GroupView>> ListAsync(Principal principal, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        return await GroupView.PageAsync(db, db.Groups.AsNoTracking().Matching(filter), callerLevel, page, cancellationToken);
    }

    public async Task<GroupView> CreateAsync(Principal principal, string? name, CancellationToken cancellationToken)
    {
        await levels.DemandAdminAsync(principal, cancellationToken);
        var groupName = GroupName.Parse(name);
        var normalized = groupName.Normalized;
        if (await db.Groups.AnyAsync(g => g.NormalizedName == normalized, cancellationToken))
        {
            throw Duplicate(groupName.Value);
        }

        db.Groups.Add(new GroupEntity { Name = groupName.Value, NormalizedName = normalized, CreatedDate = clock.NowMs() });
        outbox.Add("group:created", principal.UserId, new { group = new { name = groupName.Value } });
        audit.Record(AuditAction.GroupCreated, AuditSubject.Group(groupName.Value), after: new { name = groupName.Value });
        await db.SaveOrConflictAsync(
            ct => db.Groups.AnyAsync(g => g.NormalizedName == normalized, ct), () => Duplicate(groupName.Value), cancellationToken);
        return new GroupView(groupName.Value, Deletable: true);
    }

    /// <summary>
    /// Deletes a group with its memberships and grants. 403 when the group holds more than the
    /// caller; 409 when losing it would lower the caller's own level.
    /// </summary>
    public async Task<GroupView> DeleteAsync(Principal principal, string? name, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var group = await GroupLookup.FindAsync(db, name, "name", cancellationToken);
        if (await levels.OfGroupAsync(group.Id, cancellationToken) > callerLevel)
        {
            throw GlobalLevels.HigherThanCaller($"group {group.Name}");
        }

        db.Groups.Remove(group);
        outbox.Add("group:deleted", principal.UserId, new { group = new { name = group.Name } });
        audit.Record(AuditAction.GroupDeleted, AuditSubject.Group(group.Name), before: new { name = group.Name });
        await levels.SaveUnlessSelfDemotionAsync(principal, cancellationToken);
        return new GroupView(group.Name, Deletable: true);
    }

    private static GitHostException Duplicate(string name) =>
        new(FailureKind.Conflict, $"A group named {name} already exists. Please choose another name.", "name",
            BitbucketExceptionNames.DuplicateEntity);
}
