using GitHost.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GitHost.Db.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the server.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<GitHostDbContext>
{
    public GitHostDbContext CreateDbContext(string[] args) =>
        new(PostgresDatabase.UsePostgres(new DbContextOptionsBuilder<GitHostDbContext>(), "Host=localhost;Database=githost;Username=githost").Options);
}
