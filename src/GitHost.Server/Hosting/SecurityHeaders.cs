using Microsoft.Net.Http.Headers;

namespace GitHost.Server.Hosting;

/// <summary>
/// Headers every response carries, errors included: no MIME sniffing (a served file is never run as
/// a script because a browser guessed its type), no Referer sent to other sites (URLs hold project,
/// repository and branch names), and REST answers kept out of every cache unless the endpoint says
/// otherwise (they carry tokens, user details and private content). Pages also get a
/// Content-Security-Policy and are never framed.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Pages run only the server's own script files: no inline script, no eval, no plugin, no framing
    /// by another site. Inline style attributes stay allowed (computed colours); they cannot run code.
    /// </summary>
    private const string PageContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (http.Request.Path.StartsWithSegments("/rest") && !headers.ContainsKey(HeaderNames.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = PageContentSecurityPolicy;
                    headers.XFrameOptions = "DENY";
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
