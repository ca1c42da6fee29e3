using System.Globalization;
using System.Security.Claims;
using GitHost.Data.Users;
using GitHost.Services.Permissions;
using GitHost.Services.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Auth;

/// <summary>
/// Ends browser sessions that were signed out, or whose user is gone, deactivated or has a new
/// security stamp (Identity renews it on every password change). The check reads the database at
/// most once per <see cref="SecurityOptions.SessionRevalidationSeconds"/> per session, and at the
/// next request after a change that <see cref="SessionRecheck"/> was told of; in between the cookie
/// is trusted as it is. A password lockout does not end sessions: it only stops password guessing.
/// </summary>
internal static class CookieSessionValidator
{
    public const string StampClaim = "githost:stamp";
    public const string SessionClaim = "githost:session";
    private const string ValidatedItem = "githost:validated";

    /// <summary>The claims of a new session: the API claims plus the user's current security stamp and the session id.</summary>
    public static ClaimsPrincipal SessionClaims(ClaimsPrincipal apiClaims, string securityStamp, string sessionId)
    {
        var identity = (ClaimsIdentity)apiClaims.Identity!;
        identity.AddClaim(new Claim(StampClaim, securityStamp));
        identity.AddClaim(new Claim(SessionClaim, sessionId));
        return apiClaims;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var interval = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<SecurityOptions>>().Value.SessionRevalidationSeconds);
        if (context.Properties.Items.TryGetValue(ValidatedItem, out var last)
            && long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && now - new DateTimeOffset(ticks, TimeSpan.Zero) < interval
            && ticks > services.GetRequiredService<SessionRecheck>().DemandedAtTicks)
        {
            return;
        }

        if (!await SessionLiveness.IsLiveAsync(context.Principal, services, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }

        context.Properties.Items[ValidatedItem] = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
