using GitHost.Core.Failures;
using GitHost.Data.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace GitHost.Server.Auth;

/// <summary>
/// The web UI's sign-in, Bitbucket style: the login form posts <c>j_username</c> and
/// <c>j_password</c> to <c>/j_atl_security_check</c>, which sets the <c>GITHOST_SESSION</c> cookie
/// and redirects. Wrong passwords count towards the same lockout as Basic authentication.
/// </summary>
internal static class CookieLoginEndpoints
{
    public static IEndpointRouteBuilder MapCookieLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/j_atl_security_check", LoginAsync).ExcludeFromDescription();
        app.MapPost("/logout", (Func<HttpContext, Task<IResult>>)LogoutAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext http, CredentialVerifier verifier, UserManager<UserEntity> users)
    {
        if (!http.Request.HasFormContentType)
        {
            throw GitHostException.Invalid("Sign in with a form post of j_username and j_password.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var userName = form["j_username"].ToString().Trim();
        var password = form["j_password"].ToString();
        var next = LocalPath(form["next"].ToString());
        var principal = userName.Length is > 0 and <= 255 && password.Length is > 0 and <= 4096
            ? await verifier.VerifyPasswordAsync(userName, password, http.RequestAborted)
            : null;
        if (principal is null)
        {
            return TypedResults.Redirect("/login?error=bad-credentials&next=" + Uri.EscapeDataString(next));
        }

        var user = await users.FindByIdAsync(principal.UserId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null)
        {
            return TypedResults.Redirect("/login?error=bad-credentials&next=" + Uri.EscapeDataString(next));
        }

        var properties = new AuthenticationProperties { IsPersistent = form.ContainsKey("_atl_remember_me") };
        var claims = CookieSessionValidator.SessionClaims(ApiAuthenticationHandler.ToClaims(principal, AuthSchemes.Cookie), await users.GetSecurityStampAsync(user));
        await http.SignInAsync(AuthSchemes.Cookie, claims, properties);
        return TypedResults.Redirect(next);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(AuthSchemes.Cookie);
        return TypedResults.Redirect("/");
    }

    /// <summary>Only a path on this server: "//evil.example" and "/\evil" are browser-relative URLs to other hosts.</summary>
    private static string LocalPath(string next) =>
        next.StartsWith('/') && !next.StartsWith("//", StringComparison.Ordinal) && !next.StartsWith("/\\", StringComparison.Ordinal) ? next : "/";
}
