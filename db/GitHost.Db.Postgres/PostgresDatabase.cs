using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Db.Postgres;

/// <summary>Points the shared model at Postgres, with this assembly's migrations.</summary>
public static class PostgresDatabase
{
    private static readonly string AssemblyName = typeof(PostgresDatabase).Assembly.GetName().Name!;

    public static DbContextOptionsBuilder<GitHostDbContext> UsePostgres(DbContextOptionsBuilder<GitHostDbContext> builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(AssemblyName));
}
