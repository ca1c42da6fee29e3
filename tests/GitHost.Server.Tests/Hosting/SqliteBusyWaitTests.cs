using GitHost.Data;
using GitHost.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Hosting;

/// <summary>
/// On SQLite every connection the server opens lets SQLite wait for the write lock itself, up to the
/// connection's timeout, instead of failing at once into the driver's 150 ms retry sleep.
/// </summary>
public sealed class SqliteBusyWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_connection_waits_for_the_write_lock_as_long_as_its_timeout()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct);

        var (busyTimeout, defaultTimeout) = await server.WithDatabaseAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(Ct);
            try
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout";
                return (Convert.ToInt64(await command.ExecuteScalarAsync(Ct)), connection.DefaultTimeout);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.True(defaultTimeout > 0);
        Assert.Equal(defaultTimeout * 1000L, busyTimeout);
    }
}
