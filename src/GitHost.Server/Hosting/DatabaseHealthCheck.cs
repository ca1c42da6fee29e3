using GitHost.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GitHost.Server.Hosting;

internal sealed class DatabaseHealthCheck(GitHostDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
