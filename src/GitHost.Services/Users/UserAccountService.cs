using GitHost.Core.Failures;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.Outbox;
using GitHost.Services.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using GitHost.Services.Audit;

namespace GitHost.Services.Users;

/// <summary>
/// What a signed-in user changes about themselves: <c>PUT /users</c> and <c>PUT /users/credentials</c>.
/// Access tokens cannot manage user details, as in Bitbucket.
/// </summary>
public sealed class UserAccountService(
    GitHostDbContext db, UserManager<UserEntity> users, PasswordPolicy passwords, SignInThrottle throttle, OutboxWriter outbox, AuditWriter audit)
{
    public async Task<UserEntity> UpdateAsync(Principal principal, UserDetailsUpdate update, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync(principal, cancellationToken);
        if (update.Name is not null && !string.Equals(update.Name, user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            throw GitHostException.Invalid("A user name can only be changed by an administrator (POST /admin/users/rename).", "name");
        }

        if (update.Active is not null)
        {
            throw GitHostException.Invalid("Only an administrator can disable or enable a user (PUT /admin/users).", "active");
        }

        UserDetails.Apply(user, update.DisplayName, update.Email, "email");
        outbox.Add("user:updated", user.Id, new { user = new { name = user.UserName, user.DisplayName } });
        audit.Record(AuditAction.UserModified, AuditSubject.User(user.Id, user.UserName), after: new { user.DisplayName, email = user.Email });
        IdentityFailures.ThrowIfFailed(await users.UpdateAsync(user), "name");
        return user;
    }

    public async Task ChangePasswordAsync(Principal principal, string? oldPassword, string? password, string? passwordConfirm, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync(principal, cancellationToken);
        PasswordPolicy.RequireConfirmation(password, passwordConfirm);
        if (await throttle.CheckAsync(user.UserName!, null) is { } locked)
        {
            throw new GitHostException(FailureKind.Forbidden, locked.Message, "oldPassword", BitbucketExceptionNames.SignInLocked);
        }

        if (string.IsNullOrEmpty(oldPassword) || !await users.CheckPasswordAsync(user, oldPassword))
        {
            // A wrong old password counts towards the sign-in throttle, so a borrowed session cannot guess it.
            await throttle.RecordFailureAsync(user.UserName!, null);
            throw GitHostException.Invalid("The current password is incorrect.", "oldPassword");
        }

        await passwords.ValidateAsync(user, password, "password");
        outbox.Add("user:credentials.changed", user.Id, new { user = new { name = user.UserName }, changedBy = user.UserName });
        audit.Record(AuditAction.PasswordChanged, AuditSubject.User(user.Id, user.UserName), after: new { changedBy = user.UserName });
        await passwords.SetAsync(user, password, "password");
    }

    private async Task<UserEntity> CurrentAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (principal.UserId is not { } userId)
        {
            throw GitHostException.AuthenticationRequired();
        }

        if (principal.Token is not null)
        {
            throw GitHostException.NotPermitted();
        }

        return await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw GitHostException.AuthenticationRequired();
    }
}
