namespace GitHost.Server.GitHooks;

/// <summary>The hook listener serves only the hook callbacks, and only it serves them (404 otherwise).</summary>
internal static class HookListenerSeparation
{
    public static IApplicationBuilder UseHookListenerSeparation(this IApplicationBuilder app)
    {
        var listener = app.ApplicationServices.GetRequiredService<HookListener>();
        return app.Use((context, next) =>
        {
            if (listener.IsHookConnection(context.Connection) == context.Request.Path.StartsWithSegments("/internal/hooks", StringComparison.Ordinal))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
