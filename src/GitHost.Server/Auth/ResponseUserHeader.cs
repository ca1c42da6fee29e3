namespace GitHost.Server.Auth;

/// <summary>
/// Bitbucket's <c>X-AUSERNAME</c> response header: integrations (Renovate, Atlassian's Jenkins
/// plugin) learn the authenticated user's name from it.
/// </summary>
internal static class ResponseUserHeader
{
    public static IApplicationBuilder UseUserNameHeader(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var principal = http.GetPrincipal();
                http.Response.Headers["X-AUSERNAME"] = principal.IsAuthenticated ? principal.UserName : "anonymous";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
