using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.GlobalPermissions;

/// <summary>
/// The rules every user, group and global-permission change shares: the caller needs ADMIN, may
/// not act above their own level, and may not lower their own level (Bitbucket answers 409 rather
/// than let an administrator lock themselves out).
/// </summary>
public sealed class GlobalLevels(GitHostDbContext db, PermissionService permissions)
{
    /// <summary>Demands ADMIN (401 otherwise) and returns the caller's global level.</summary>
    public async Task<Permission> DemandAdminAsync(Principal principal, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
        return await permissions.GlobalLevelAsync(principal, cancellationToken);
    }

    /// <summary>A user's global level read straight from the database (no cache), so it sees the current transaction.</summary>
    public async Task<Permission> OfUserAsync(long userId, CancellationToken cancellationToken) =>
        (await AccessGrantsLoader.LoadAsync(db, userId, cancellationToken)).Global;

    /// <summary>The global permission granted to a group, or None.</summary>
    public async Task<Permission> OfGroupAsync(long groupId, CancellationToken cancellationToken) =>
        await db.GlobalGroupPermissions.AsNoTracking().Where(g => g.GroupId == groupId)
            .Select(g => (Permission?)g.Permission).FirstOrDefaultAsync(cancellationToken) ?? Permission.None;

    /// <summary>
    /// Saves the pending changes in a transaction and keeps them only if the caller's own global
    /// level did not drop; otherwise rolls back and fails with 409. Grants are reloaded afterwards.
    /// </summary>
    public async Task SaveUnlessSelfDemotionAsync(Principal principal, CancellationToken cancellationToken)
    {
        var actorId = principal.UserId ?? throw GitHostException.NotPermitted();
        var before = await OfUserAsync(actorId, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            if (await OfUserAsync(actorId, cancellationToken) < before)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw SelfDemotion();
            }

            await transaction.CommitAsync(cancellationToken);
        }

        permissions.InvalidateGrants();
    }

    public static GitHostException SelfDemotion() =>
        new(FailureKind.Conflict, "You cannot lower your own global permission level. Ask another administrator to do it.");

    /// <summary>Bitbucket's 403 for acting on a user or group that holds more than the caller.</summary>
    public static GitHostException HigherThanCaller(string what) =>
        new(FailureKind.Forbidden, $"You cannot change {what}: it has a higher global permission than you.");
}
