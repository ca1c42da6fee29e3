using GitHost.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GitHost.Db.SqlServer;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the server.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<GitHostDbContext>
{
    public GitHostDbContext CreateDbContext(string[] args) =>
        new(SqlServerDatabase.UseSqlServer(new DbContextOptionsBuilder<GitHostDbContext>(), "Server=localhost;Database=githost;Integrated Security=false;TrustServerCertificate=true").Options);
}
