using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Server.Hosting;

internal static class DatabaseMigrator
{
    public static async Task MigrateAsync(GitHostDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run while a write commits; it is a property of the file, so setting it once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
