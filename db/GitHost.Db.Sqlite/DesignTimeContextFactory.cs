using GitHost.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GitHost.Db.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the server.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<GitHostDbContext>
{
    public GitHostDbContext CreateDbContext(string[] args) =>
        new(SqliteDatabase.UseSqlite(new DbContextOptionsBuilder<GitHostDbContext>(), "Data Source=design-time.db").Options);
}
