using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GitHost.Db.Sqlite;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>PRAGMA busy_timeout</c>) on every connection.
/// Without it SQLite answers "busy" at once and Microsoft.Data.Sqlite retries after sleeping 150 ms,
/// so a few concurrent writers (REST calls, pushes, the webhook dispatcher) queue for hundreds of
/// milliseconds although each holds the lock for about one. SQLite's own handler retries within
/// milliseconds; past the timeout the driver's retry (up to the command timeout) still applies.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 5000;";

    public static SqliteBusyTimeout Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
