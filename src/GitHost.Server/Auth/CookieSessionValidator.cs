using System.Globalization;
using System.Security.Claims;
using GitHost.Data.Users;
using GitHost.Services.Permissions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Auth;

/// <summary>
/// Ends browser sessions whose user is gone, deactivated, locked out or has a new security stamp
/// (Identity renews it on every password change). The check reads the database at most once per
/// <see cref="SecurityOptions.SessionRevalidationSeconds"/> per session; in between the cookie is
/// trusted as it is.
/// </summary>
internal static class CookieSessionValidator
{
    public const string StampClaim = "githost:stamp";
    private const string ValidatedItem = "githost:validated";

    /// <summary>The claims of a new session: the API claims plus the user's current security stamp.</summary>
    public static ClaimsPrincipal SessionClaims(ClaimsPrincipal apiClaims, string securityStamp)
    {
        var identity = (ClaimsIdentity)apiClaims.Identity!;
        identity.AddClaim(new Claim(StampClaim, securityStamp));
        return apiClaims;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var interval = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<SecurityOptions>>().Value.SessionRevalidationSeconds);
        if (context.Properties.Items.TryGetValue(ValidatedItem, out var last)
            && long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && now - new DateTimeOffset(ticks, TimeSpan.Zero) < interval)
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<UserEntity>>();
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = id is null ? null : await users.FindByIdAsync(id);
        if (user is null || !user.Active || await users.IsLockedOutAsync(user)
            || user.SecurityStamp != context.Principal!.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }

        context.Properties.Items[ValidatedItem] = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
