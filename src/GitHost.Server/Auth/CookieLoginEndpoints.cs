using System.Security.Claims;
using GitHost.Core.Failures;
using GitHost.Data.Users;
using GitHost.Services.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Auth;

/// <summary>
/// The web UI's sign-in, Bitbucket style: the login form posts <c>j_username</c> and
/// <c>j_password</c> to <c>/j_atl_security_check</c>, which sets the <c>GITHOST_SESSION</c> cookie
/// and redirects. Wrong passwords count towards the same sign-in throttle as Basic authentication;
/// while it refuses the name or address, the form is sent back with <c>error=locked&amp;until=</c>
/// (epoch milliseconds) for the page to say until when. Both forms pass <see cref="BrowserFormCheck"/>.
/// </summary>
internal static class CookieLoginEndpoints
{
    public static IEndpointRouteBuilder MapCookieLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/j_atl_security_check", LoginAsync).ExcludeFromDescription();
        app.MapPost("/logout", LogoutAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http, CredentialVerifier verifier, UserManager<UserEntity> users, BrowserSessions sessions,
        IOptionsMonitor<CookieAuthenticationOptions> cookieOptions, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType)
        {
            throw GitHostException.Invalid("Sign in with a form post of j_username and j_password.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!await BrowserFormCheck.PassesAsync(http, antiforgery))
        {
            return TypedResults.Redirect("/login?error=forgery&next=" + Uri.EscapeDataString(LocalPath(form["next"].ToString())));
        }

        var userName = form["j_username"].ToString().Trim();
        var password = form["j_password"].ToString();
        var next = LocalPath(form["next"].ToString());
        var check = userName.Length is > 0 and <= 255 && password.Length is > 0 and <= 4096
            ? await verifier.VerifyPasswordAsync(userName, password, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted)
            : PasswordCheck.Wrong;
        if (check.Lock is { } locked)
        {
            return TypedResults.Redirect(FormattableString.Invariant($"/login?error=locked&until={locked.UntilMs}&next={Uri.EscapeDataString(next)}"));
        }

        var user = check.Principal is { } principal
            ? await users.FindByIdAsync(principal.UserId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
        if (user is null)
        {
            return TypedResults.Redirect("/login?error=bad-credentials&next=" + Uri.EscapeDataString(next));
        }

        var properties = new AuthenticationProperties { IsPersistent = form.ContainsKey("_atl_remember_me") };
        var sessionId = await sessions.StartAsync(user.Id, cookieOptions.Get(AuthSchemes.Cookie).ExpireTimeSpan, http.RequestAborted);
        var claims = CookieSessionValidator.SessionClaims(
            ApiAuthenticationHandler.ToClaims(check.Principal!, AuthSchemes.Cookie), await users.GetSecurityStampAsync(user), sessionId);
        await http.SignInAsync(AuthSchemes.Cookie, claims, properties);
        return TypedResults.Redirect(next);
    }

    /// <summary>Ends the session on the server too: the cookie, even if copied, is refused from now on.</summary>
    private static async Task<IResult> LogoutAsync(HttpContext http, BrowserSessions sessions, SessionRecheck recheck, IAntiforgery antiforgery)
    {
        if (!await BrowserFormCheck.PassesAsync(http, antiforgery))
        {
            return TypedResults.Redirect("/");
        }

        var result = await http.AuthenticateAsync(AuthSchemes.Cookie);
        if (result.Principal?.FindFirstValue(CookieSessionValidator.SessionClaim) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, http.RequestAborted);
            recheck.Demand();
        }

        await http.SignOutAsync(AuthSchemes.Cookie);
        return TypedResults.Redirect("/");
    }

    /// <summary>Only a path on this server: "//evil.example" and "/\evil" are browser-relative URLs to other hosts.</summary>
    private static string LocalPath(string next) =>
        next.StartsWith('/') && !next.StartsWith("//", StringComparison.Ordinal) && !next.StartsWith("/\\", StringComparison.Ordinal) ? next : "/";
}
