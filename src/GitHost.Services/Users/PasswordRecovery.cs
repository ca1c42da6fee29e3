using System.Security.Cryptography;
using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Services.Outbox;
using GitHost.Services.SignIn;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Users;

/// <summary>
/// The way back in when the administrator's password is lost, for whoever runs the server (it needs
/// the machine, not the web): sets a user's password, enables the user and lifts any sign-in lock.
/// Bitbucket offers a recovery mode for the same situation.
/// </summary>
public sealed class PasswordRecovery(GitHostDbContext db, PasswordPolicy passwords, SignInThrottle throttle, OutboxWriter outbox)
{
    /// <summary>Returns the password set: <paramref name="newPassword"/>, or a generated one when it is empty.</summary>
    public async Task<string> ResetAsync(string userName, string? newPassword, CancellationToken cancellationToken)
    {
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"No user named '{userName}' exists.", "name", BitbucketExceptionNames.NoSuchUser);
        var password = string.IsNullOrEmpty(newPassword)
            ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y')
            : newPassword;
        user.Active = true;
        outbox.Add("user:credentials.changed", null, new { user = new { name = user.UserName }, changedBy = "password recovery on the server" });
        await passwords.SetAsync(user, password, "password");
        await throttle.ClearAsync(user.UserName!);
        return password;
    }
}
