using GitHost.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GitHost.Db.Postgres;

/// <summary>Points the shared model at Postgres, with this assembly's migrations.</summary>
public static class PostgresDatabase
{
    /// <summary>Statements Npgsql keeps prepared per connection unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 128;

    private static readonly string AssemblyName = typeof(PostgresDatabase).Assembly.GetName().Name!;

    /// <remarks>
    /// Lists in queries travel as one array parameter (<c>= ANY(@ids)</c>), not one parameter per
    /// element: the SQL text is then the same for every user, so EF Core reuses its cached command
    /// and Npgsql its prepared statement.
    /// </remarks>
    public static DbContextOptionsBuilder<GitHostDbContext> UsePostgres(DbContextOptionsBuilder<GitHostDbContext> builder, string connectionString) =>
        builder.UseNpgsql(WithAutoPrepare(connectionString), o => o
            .MigrationsAssembly(AssemblyName)
            .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));

    /// <summary>
    /// Turns on Npgsql's automatic preparation (the same few queries run thousands of times a
    /// second; a prepared statement skips PostgreSQL's parse and plan on each) and skips the
    /// session reset when a pooled connection is returned: GitHost keeps no session state (no SET,
    /// no temporary tables, no session advisory locks), so the reset is a wasted round trip.
    /// Explicit settings in the connection string win.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
