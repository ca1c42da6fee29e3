using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Projects;
using GitHost.Data.Users;
using GitHost.Services.GlobalPermissions;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Audit;

namespace GitHost.Services.Users;

/// <summary>
/// <c>POST /admin/users/rename</c>. The slug and the personal project key (<c>~SLUG</c>) follow the
/// new name in the same transaction; the old name stops authenticating at once.
/// </summary>
public sealed class UserRename(
    GitHostDbContext db,
    UserManager<UserEntity> users,
    UserAdminService admin,
    GlobalLevels levels,
    PermissionService permissions,
    OutboxWriter outbox, AuditWriter audit)
{
    public async Task<AdminUserView> RenameAsync(Principal principal, string? name, string? newName, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        if (!UserSlug.IsValidUserName(newName))
        {
            throw GitHostException.Invalid(
                "The new name must be up to 255 ASCII letters, digits, '.', '_', '-' or '@', starting with a letter or digit.", "newName");
        }

        var user = await UserFilters.FindByNameAsync(db, name, "name", cancellationToken);
        await admin.DemandAuthorityOverAsync(callerLevel, user, cancellationToken);
        var newSlug = newName!.ToLowerInvariant();
        if (await db.Users.AnyAsync(u => u.Id != user.Id && (u.Slug == newSlug || u.NormalizedUserName == newName.ToUpperInvariant()), cancellationToken))
        {
            throw IdentityFailures.DuplicateUser("newName");
        }

        var oldName = user.UserName;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            user.Slug = newSlug;
            var personal = await db.Projects.FirstOrDefaultAsync(p => p.OwnerId == user.Id && p.Type == ProjectType.Personal, cancellationToken);
            if (personal is not null)
            {
                personal.Key = ProjectKey.Personal(newSlug).Value;
                personal.NormalizedName = personal.Key;
            }

            outbox.Add("user:renamed", principal.UserId, new { user = new { user.Id, name = newName }, oldName });
            audit.Record(AuditAction.UserRenamed, AuditSubject.User(user.Id, newName), before: new { name = oldName }, after: new { name = newName });
            try
            {
                // Identity validates, changes the security stamp and saves everything tracked.
                IdentityFailures.ThrowIfFailed(await users.SetUserNameAsync(user, newName), "newName");
            }
            catch (DbUpdateException)
            {
                throw IdentityFailures.DuplicateUser("newName");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        permissions.InvalidateGrants();
        return new AdminUserView(user, user.Id != principal.UserId);
    }
}
