using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Audit;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.SignIn;

/// <summary>
/// What a successful password sign-in leaves behind: the user's last authentication and its audit record.
/// One direct update, not UserManager.UpdateAsync: that renews the concurrency stamp, so the first
/// requests of one user arriving together lost the race, and the losing entity stayed modified in
/// the request's context to fail whatever the request saved next.
/// </summary>
public sealed class SignInRecords(GitHostDbContext db, AuditWriter audit, EpochClock clock)
{
    public async Task PasswordAcceptedAsync(Principal principal, CancellationToken cancellationToken)
    {
        var userId = principal.UserId ?? throw new ArgumentException("A password sign-in is a user's.", nameof(principal));
        var now = clock.NowMs();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAuthenticated, now), cancellationToken);
        await audit.RecordNowAsync(principal, AuditOrigin.Credentials.Password, AuditAction.SignInSucceeded,
            AuditSubject.User(userId, principal.UserName), null, cancellationToken);
    }
}
