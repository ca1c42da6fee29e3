using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Ssh;

/// <summary>
/// Whose user keys the caller may manage: their own, or anyone's for ADMIN and SYS_ADMIN. Callers
/// signed in with an access token may not manage keys, so a leaked read token cannot add a key
/// that outlives it.
/// </summary>
public sealed class SshKeyOwners(GitHostDbContext db, PermissionService permissions)
{
    /// <summary>The user named by <paramref name="userSlug"/>, or the caller when it is empty.</summary>
    public async Task<UserEntity> ResolveAsync(Principal principal, string? userSlug, CancellationToken cancellationToken)
    {
        var callerId = DemandUser(principal);
        if (string.IsNullOrEmpty(userSlug))
        {
            return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == callerId, cancellationToken)
                ?? throw GitHostException.AuthenticationRequired();
        }

        var user = UserSlug.TryParse(userSlug, out var slug)
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Slug == slug.Value.Value, cancellationToken)
            : null;
        if (user?.Id != callerId)
        {
            await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
        }

        return user ?? throw new GitHostException(FailureKind.NotFound, $"User {userSlug} does not exist.", "user", BitbucketExceptionNames.NoSuchUser);
    }

    public async Task<bool> IsAdminAsync(Principal principal, CancellationToken cancellationToken) =>
        await permissions.GlobalLevelAsync(principal, cancellationToken) >= Permission.Admin;

    public static long DemandUser(Principal principal)
    {
        if (!principal.IsAuthenticated)
        {
            throw GitHostException.AuthenticationRequired();
        }

        if (principal.Token is not null || principal.UserId is null)
        {
            throw new GitHostException(FailureKind.Unauthorized,
                "Access tokens cannot be used to manage SSH keys; sign in with your password.", exceptionName: BitbucketExceptionNames.Authorisation);
        }

        return principal.UserId.Value;
    }
}
