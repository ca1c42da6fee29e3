namespace GitHost.Server.Auth;

/// <summary>
/// Marks an endpoint that changes users, passwords, memberships or grants: once it has run, every
/// cached credential and every browser session must be verified again, so a deleted, disabled or
/// renamed user, or a changed password, stops working on the very next request.
/// </summary>
internal static class CredentialInvalidation
{
    public static RouteHandlerBuilder InvalidatesCredentials(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            finally
            {
                // Also after a failure: a change may have been committed before a later step failed.
                context.HttpContext.RequestServices.GetRequiredService<CredentialCache>().InvalidateAll();
                context.HttpContext.RequestServices.GetRequiredService<SessionRecheck>().Demand();
            }
        });
}
