using Microsoft.AspNetCore.Antiforgery;

namespace GitHost.Server.Auth;

/// <summary>
/// The sign-in and sign-out forms are posted by the web UI with its anti-forgery token, so another
/// site cannot sign a visitor in or out. Scripts that sign in by form post send Bitbucket's
/// <c>X-Atlassian-Token: no-check</c> instead, a header no cross-site form can carry.
/// </summary>
internal static class BrowserFormCheck
{
    public static async Task<bool> PassesAsync(HttpContext http, IAntiforgery antiforgery) =>
        http.Request.Headers["X-Atlassian-Token"].ToString() is "no-check" or "nocheck"
        || await antiforgery.IsRequestValidAsync(http);
}
