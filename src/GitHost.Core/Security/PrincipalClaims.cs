using System.Globalization;
using System.Security.Claims;

namespace GitHost.Core.Security;

/// <summary>
/// A signed-in browser session carries only the user's id and name as claims; every door that
/// reads a session (REST with the cookie, the web UI) rebuilds the same <see cref="Principal"/> from them.
/// </summary>
public static class PrincipalClaims
{
    public static Principal ToPrincipal(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
        && long.TryParse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new Principal(id, user.Identity.Name)
            : Principal.Anonymous;
}
