using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Db.Sqlite;

/// <summary>Points the shared model at Sqlite, with this assembly's migrations.</summary>
public static class SqliteDatabase
{
    private static readonly string AssemblyName = typeof(SqliteDatabase).Assembly.GetName().Name!;

    /// <remarks>
    /// Lists in queries (the ids a user holds grants on) travel as one JSON parameter read with
    /// <c>json_each</c>, not as one parameter per element: with one parameter the SQL text is the same
    /// for every user, so EF Core reuses its cached command instead of rebuilding the SQL on every
    /// request (measured in docs/performance.md).
    /// </remarks>
    public static DbContextOptionsBuilder<GitHostDbContext> UseSqlite(DbContextOptionsBuilder<GitHostDbContext> builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o
            .MigrationsAssembly(AssemblyName)
            .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(new SqliteBusyWait());
}
