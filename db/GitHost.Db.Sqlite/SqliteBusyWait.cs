using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GitHost.Db.Sqlite;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>sqlite3_busy_timeout</c>) on every connection, up to the
/// connection's command timeout. Microsoft.Data.Sqlite sets no busy timeout: a writer that meets another
/// one gets "busy" at once and the driver sleeps 150 ms before it tries again, so a write that waits for
/// a 20 ms transaction waits 150 ms. SQLite's own handler retries within 1 to 100 ms steps (34 ms for
/// that 20 ms, measured). When it gives up, the driver's retry still applies.
/// </summary>
public sealed class SqliteBusyWait : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            // A native setter on the open handle: no statement, so it costs nothing per open.
            SQLitePCL.raw.sqlite3_busy_timeout(handle, checked(sqlite.DefaultTimeout * 1000));
        }
    }
}
