namespace GitHost.Server.Auth;

/// <summary>
/// Bitbucket's XSRF rule: a state-changing request from a browser session must either send JSON or
/// carry <c>X-Atlassian-Token: no-check</c>; otherwise 403 "XSRF check failed". Basic and Bearer
/// clients are never affected (a browser cannot forge their Authorization header).
/// </summary>
internal static class XsrfCheck
{
    public static IApplicationBuilder UseXsrfCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsUnsafe(context.Request.Method)
                && context.Request.Path.StartsWithSegments("/rest")
                && context.User.Identity?.AuthenticationType == AuthSchemes.Cookie
                && !IsJson(context.Request.ContentType)
                && !HasNoCheckHeader(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("XSRF check failed", context.RequestAborted);
                return;
            }

            await next(context);
        });

    private static bool IsUnsafe(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    private static bool HasNoCheckHeader(HttpRequest request) =>
        request.Headers["X-Atlassian-Token"].ToString() is "no-check" or "nocheck";
}
