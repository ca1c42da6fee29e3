using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.GlobalPermissions;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using GitHost.Services.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Audit;

namespace GitHost.Services.Users;

/// <summary>
/// <c>/admin/users</c>: listing, creating, changing users and resetting passwords. An ADMIN may not
/// act on a user who holds more than they do (a SYS_ADMIN), or they could take the account over.
/// </summary>
public sealed class UserAdminService(
    GitHostDbContext db,
    UserManager<UserEntity> users,
    PasswordPolicy passwords,
    GlobalLevels levels,
    PermissionService permissions,
    SignInThrottle throttle,
    OutboxWriter outbox,
    AuditWriter audit,
    EpochClock clock)
{
    public async Task<Page<AdminUserView>> ListAsync(Principal principal, string? filter, PageRequest page, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var found = await db.Users.AsNoTracking().Matching(filter).OrderBy(u => u.Slug).ToPageAsync(page, cancellationToken);
        var views = new List<AdminUserView>();
        foreach (var user in found.Values)
        {
            views.Add(new AdminUserView(user, await IsDeletableAsync(principal, callerLevel, user, cancellationToken)));
        }

        return new Page<AdminUserView>(views, page, found.IsLastPage);
    }

    public async Task<AdminUserView> CreateAsync(Principal principal, CreateUser command, CancellationToken cancellationToken)
    {
        await levels.DemandAdminAsync(principal, cancellationToken);
        if (!UserSlug.IsValidUserName(command.Name))
        {
            throw GitHostException.Invalid(
                "A user name is required: up to 255 ASCII letters, digits, '.', '_', '-' or '@', starting with a letter or digit.", "name");
        }

        var name = command.Name!;
        var user = new UserEntity
        {
            UserName = name,
            Slug = name.ToLowerInvariant(),
            DisplayName = UserDetails.ValidDisplayName(command.DisplayName),
            Email = UserDetails.ValidEmail(command.EmailAddress, "emailAddress"),
            LockoutEnabled = true,
            CreatedDate = clock.NowMs(),
        };
        if (await users.FindByNameAsync(name) is not null)
        {
            throw IdentityFailures.DuplicateUser("name");
        }

        await passwords.ValidateAsync(user, command.Password, "password");

        // Saved by Identity's CreateAsync in the same SaveChanges as the user.
        outbox.Add("user:created", principal.UserId, new { user = new { name, displayName = user.DisplayName } });
        audit.Record(AuditAction.UserCreated, AuditSubject.UserNamed(name), after: new { name, displayName = user.DisplayName, email = user.Email });
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, command.Password!);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another create of the same name; the unique index kept one.
            db.ChangeTracker.Clear();
            if (await users.FindByNameAsync(name) is not null)
            {
                throw IdentityFailures.DuplicateUser("name");
            }

            throw;
        }

        IdentityFailures.ThrowIfFailed(result, "name");
        permissions.InvalidateGrants();
        return new AdminUserView(user, true);
    }

    public async Task<AdminUserView> UpdateAsync(Principal principal, UserDetailsUpdate update, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var user = await UserFilters.FindByNameAsync(db, update.Name, "name", cancellationToken);
        await DemandAuthorityOverAsync(callerLevel, user, cancellationToken);
        UserDetails.Apply(user, update.DisplayName, update.Email, "email");
        if (update.Active is { } active && active != user.Active)
        {
            if (!active && user.Id == principal.UserId)
            {
                throw GitHostException.Invalid("You cannot disable your own account; ask another administrator.", "active");
            }

            user.Active = active;
        }

        outbox.Add("user:updated", principal.UserId, new { user = new { name = user.UserName, user.DisplayName, user.Active } });
        audit.Record(AuditAction.UserModified, AuditSubject.User(user.Id, user.UserName), after: new { user.DisplayName, email = user.Email, user.Active });
        IdentityFailures.ThrowIfFailed(await users.UpdateAsync(user), "name");
        return new AdminUserView(user, await IsDeletableAsync(principal, callerLevel, user, cancellationToken));
    }

    /// <summary>Sets a user's password and lifts a sign-in lock, as an administrator's reset should.</summary>
    public async Task SetPasswordAsync(Principal principal, string? name, string? password, string? passwordConfirm, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var user = await UserFilters.FindByNameAsync(db, name, "name", cancellationToken);
        await DemandAuthorityOverAsync(callerLevel, user, cancellationToken);
        PasswordPolicy.RequireConfirmation(password, passwordConfirm);
        await passwords.ValidateAsync(user, password, "password");
        outbox.Add("user:credentials.changed", principal.UserId, new { user = new { name = user.UserName }, changedBy = principal.UserName });
        audit.Record(AuditAction.PasswordChanged, AuditSubject.User(user.Id, user.UserName), after: new { changedBy = principal.UserName });
        await passwords.SetAsync(user, password, "password");
        await throttle.ClearAsync(user.UserName!);
    }

    /// <summary>Lifts the password sign-in lock on a user's name (not on the addresses that guessed).</summary>
    public async Task ClearSignInLockAsync(Principal principal, string? name, CancellationToken cancellationToken)
    {
        var callerLevel = await levels.DemandAdminAsync(principal, cancellationToken);
        var user = await UserFilters.FindByNameAsync(db, name, "name", cancellationToken);
        await DemandAuthorityOverAsync(callerLevel, user, cancellationToken);
        await audit.CommitAsync(AuditAction.SignInLockCleared, AuditSubject.User(user.Id, user.UserName), null, null, cancellationToken);
        await throttle.ClearAsync(user.UserName!);
    }

    /// <summary>403 unless the caller holds at least the user's global level.</summary>
    internal async Task DemandAuthorityOverAsync(Permission callerLevel, UserEntity user, CancellationToken cancellationToken)
    {
        if (await levels.OfUserAsync(user.Id, cancellationToken) > callerLevel)
        {
            throw GlobalLevels.HigherThanCaller($"user {user.UserName}");
        }
    }

    private async Task<bool> IsDeletableAsync(Principal principal, Permission callerLevel, UserEntity user, CancellationToken cancellationToken) =>
        user.Id != principal.UserId
        && await permissions.GlobalLevelAsync(new Principal(user.Id, user.UserName), cancellationToken) <= callerLevel;
}
