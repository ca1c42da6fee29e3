using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Server.Rest;

/// <summary>
/// For idempotent "set" endpoints (grants, memberships): two identical requests racing each
/// other both see no row and both insert; the loser's unique-key violation would surface as a 500.
/// Running the loser once more, with a clean unit of work, finds the winner's row and updates it.
/// </summary>
internal static class WriteConflictRetry
{
    public static RouteHandlerBuilder RetriesWriteConflicts(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (DbUpdateException)
            {
                context.HttpContext.RequestServices.GetRequiredService<GitHostDbContext>().ChangeTracker.Clear();
                return await next(context);
            }
        });
}
