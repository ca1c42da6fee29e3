using System.Security.Claims;
using GitHost.Data.Users;
using GitHost.Services.SignIn;
using Microsoft.AspNetCore.Identity;

namespace GitHost.Server.Auth;

/// <summary>
/// Whether a browser session's claims still stand: its user exists and is active, the security stamp
/// it was signed in with is the user's current one, and the session was not signed out. The one rule
/// for a cookie on a request (<see cref="CookieSessionValidator"/>) and for an open page's circuit
/// (<see cref="CircuitSessionRevalidation"/>).
/// </summary>
internal static class SessionLiveness
{
    public static async Task<bool> IsLiveAsync(ClaimsPrincipal? session, IServiceProvider services, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserManager<UserEntity>>();
        var id = session?.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = session?.FindFirstValue(CookieSessionValidator.SessionClaim);
        var user = id is null || sessionId is null ? null : await users.FindByIdAsync(id);
        return user is { Active: true }
            && user.SecurityStamp == session!.FindFirstValue(CookieSessionValidator.StampClaim)
            && await services.GetRequiredService<BrowserSessions>().IsLiveAsync(sessionId!, user.Id, cancellationToken);
    }
}
