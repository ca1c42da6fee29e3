using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Db.SqlServer;

/// <summary>Points the shared model at SqlServer, with this assembly's migrations.</summary>
public static class SqlServerDatabase
{
    private static readonly string AssemblyName = typeof(SqlServerDatabase).Assembly.GetName().Name!;

    public static DbContextOptionsBuilder<GitHostDbContext> UseSqlServer(DbContextOptionsBuilder<GitHostDbContext> builder, string connectionString) =>
        builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(AssemblyName));
}
