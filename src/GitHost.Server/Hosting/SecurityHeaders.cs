using Microsoft.Net.Http.Headers;

namespace GitHost.Server.Hosting;

/// <summary>
/// Headers every response carries, errors included: no MIME sniffing (a served file is never run as
/// a script because a browser guessed its type), no Referer sent to other sites (URLs hold project,
/// repository and branch names), and REST answers kept out of every cache unless the endpoint says
/// otherwise (they carry tokens, user details and private content).
/// </summary>
internal static class SecurityHeaders
{
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

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
