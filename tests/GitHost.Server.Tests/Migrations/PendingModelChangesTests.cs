using GitHost.Data;
using GitHost.Db.Postgres;
using GitHost.Db.Sqlite;
using GitHost.Db.SqlServer;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Migrations;

/// <summary>
/// Every model change needs a migration in all three db/ projects (db/add-migration.sh). These
/// compare each provider's latest snapshot with the model; none of them opens a connection.
/// </summary>
public sealed class PendingModelChangesTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new GitHostDbContext(SqliteDatabase.UseSqlite(new DbContextOptionsBuilder<GitHostDbContext>(), "Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration; run db/add-migration.sh <Name>.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new GitHostDbContext(PostgresDatabase.UsePostgres(new DbContextOptionsBuilder<GitHostDbContext>(), "Host=localhost;Database=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration; run db/add-migration.sh <Name>.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqlServer_migrations_match_the_model()
    {
        using var db = new GitHostDbContext(SqlServerDatabase.UseSqlServer(new DbContextOptionsBuilder<GitHostDbContext>(), "Server=unused;Database=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration; run db/add-migration.sh <Name>.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Every_provider_has_the_same_migrations()
    {
        using var sqlite = new GitHostDbContext(SqliteDatabase.UseSqlite(new DbContextOptionsBuilder<GitHostDbContext>(), "Data Source=:memory:").Options);
        using var postgres = new GitHostDbContext(PostgresDatabase.UsePostgres(new DbContextOptionsBuilder<GitHostDbContext>(), "Host=localhost").Options);
        using var sqlServer = new GitHostDbContext(SqlServerDatabase.UseSqlServer(new DbContextOptionsBuilder<GitHostDbContext>(), "Server=unused").Options);

        // Ids carry a timestamp per provider; the names after it must line up.
        static IEnumerable<string> Names(GitHostDbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]);
        Assert.Equal(Names(sqlite), Names(postgres));
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }
}
