using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Db.Sqlite;

/// <summary>Points the shared model at Sqlite, with this assembly's migrations.</summary>
public static class SqliteDatabase
{
    private static readonly string AssemblyName = typeof(SqliteDatabase).Assembly.GetName().Name!;

    public static DbContextOptionsBuilder<GitHostDbContext> UseSqlite(DbContextOptionsBuilder<GitHostDbContext> builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsAssembly(AssemblyName));
}
