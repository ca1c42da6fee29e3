using GitHost.Data;
using GitHost.Db.Postgres;
using GitHost.Db.Sqlite;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace GitHost.Server.Tests.Migrations;

/// <summary>
/// <c>dotnet GitHost.Server.dll migrate</c> brings a fresh database to the latest schema and exits;
/// with <c>GitHost:Database:MigrateOnStart=false</c> the server never changes the schema itself.
/// </summary>
public sealed class MigrateCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Migrate_command_applies_every_migration_to_a_fresh_database_and_seeds_nothing(DatabaseProvider provider)
    {
        var home = NewHome();
        var connectionString = await FreshConnectionStringAsync(provider, home);

        var (exitCode, output) = await RunServerAsync(home, provider, connectionString, "migrate");

        Assert.True(exitCode == 0, $"migrate exited with {exitCode}:\n{output}");
        await using var db = Context(provider, connectionString);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Equal(0, await db.Workspaces.CountAsync(Ct));
    }

    [Theory]
    [AllDatabases]
    public async Task Server_without_migrate_on_start_runs_on_a_migrated_database(DatabaseProvider provider)
    {
        var home = NewHome();
        var connectionString = await FreshConnectionStringAsync(provider, home);
        var (exitCode, output) = await RunServerAsync(home, provider, connectionString, "migrate");
        Assert.True(exitCode == 0, $"migrate exited with {exitCode}:\n{output}");

        await using var server = await GitHostTestServer.StartAsync(provider, Ct, Settings(home, connectionString, migrateOnStart: false));
        using var admin = server.AdminClient();
        var response = await admin.GetAsync("/rest/api/1.0/projects", Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [AllDatabases]
    public async Task Server_without_migrate_on_start_refuses_a_fresh_database_and_leaves_it_untouched(DatabaseProvider provider)
    {
        var home = NewHome();
        var connectionString = await FreshConnectionStringAsync(provider, home);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => GitHostTestServer.StartAsync(provider, Ct, Settings(home, connectionString, migrateOnStart: false)));

        Assert.Contains("migrate", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountTablesAsync(provider, connectionString));
    }

    private static string NewHome()
    {
        var home = Path.Combine(Path.GetTempPath(), "githost-migrate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        return home;
    }

    private static async Task<string> FreshConnectionStringAsync(DatabaseProvider provider, string home) => provider switch
    {
        DatabaseProvider.Sqlite => $"Data Source={Path.Combine(home, "githost.db")};Pooling=False",
        DatabaseProvider.Postgres => await TestDatabases.CreatePostgresDatabaseAsync(Ct),
        _ => throw new NotSupportedException(provider.ToString()),
    };

    private static Dictionary<string, string?> Settings(string home, string connectionString, bool migrateOnStart) => new()
    {
        ["GitHost:Home"] = home,
        ["GitHost:Database:ConnectionString"] = connectionString,
        ["GitHost:Database:MigrateOnStart"] = migrateOnStart ? "true" : "false",
    };

    private static GitHostDbContext Context(DatabaseProvider provider, string connectionString) => new(provider switch
    {
        DatabaseProvider.Sqlite => SqliteDatabase.UseSqlite(new DbContextOptionsBuilder<GitHostDbContext>(), connectionString).Options,
        _ => PostgresDatabase.UsePostgres(new DbContextOptionsBuilder<GitHostDbContext>(), connectionString).Options,
    });

    private static async Task<long> CountTablesAsync(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
            await sqlite.OpenAsync(Ct);
            await using var command = sqlite.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
            return (long)(await command.ExecuteScalarAsync(Ct))!;
        }

        await using var postgres = new NpgsqlConnection(connectionString);
        await postgres.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", postgres);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }

    private static Task<(int ExitCode, string Output)> RunServerAsync(string home, DatabaseProvider provider, string connectionString, params string[] args) =>
        Hosting.ServerCommand.RunAsync(home, provider, connectionString, new Dictionary<string, string>(), Ct, args);
}
