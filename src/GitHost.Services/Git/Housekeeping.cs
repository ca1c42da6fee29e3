using GitHost.Data;
using GitHost.Data.Repositories;
using GitHost.Git;
using GitHost.Git.Maintenance;
using GitHost.Git.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Git;

/// <summary>
/// Keeps every repository fast to serve, in the background, one repository at a time at nice 19
/// (<see cref="RepositoryOptimizer"/>): each repository <see cref="HousekeepingOptions.DelaySeconds"/> after
/// its last push (<see cref="HousekeepingQueue"/>), and every <see cref="HousekeepingOptions.ScanIntervalSeconds"/>
/// all of them. Clients are never blocked: git's repack is safe next to fetches. The scan also removes what
/// killed git processes left behind (<see cref="StaleLeftovers"/>).
/// </summary>
public sealed partial class Housekeeping(
    HousekeepingQueue queue, RepositoryOptimizer optimizer, RepositoryLayout layout, IServiceScopeFactory scopes,
    IOptions<GitOptions> options, TimeProvider time, ILogger<Housekeeping> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Housekeeping;
        if (!settings.Enabled)
        {
            return;
        }

        var nextScan = time.GetUtcNow().AddSeconds(settings.ScanIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunDuePushesAsync(stoppingToken);
            var now = time.GetUtcNow();
            if (now >= nextScan)
            {
                await ScanAsync(stoppingToken);
                nextScan = time.GetUtcNow().AddSeconds(settings.ScanIntervalSeconds);
                continue;
            }

            var wake = queue.NextDue() is { } due && due < nextScan ? due : nextScan;
            try
            {
                await queue.WaitAsync(wake - now, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunDuePushesAsync(CancellationToken cancellationToken)
    {
        while (queue.TryTakeDue(out var repositoryId))
        {
            await optimizer.OptimizeQuietlyAsync(repositoryId, HousekeepingTrigger.Push, cancellationToken);
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
            ids = await db.Repositories.AsNoTracking().Where(r => r.State == RepositoryState.Available).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        foreach (var id in ids)
        {
            var path = layout.PathOf(id);
            if (!Directory.Exists(path))
            {
                continue;
            }

            var stale = StaleLeftovers.Remove(path, time.GetUtcNow().UtcDateTime.AddSeconds(-options.Value.CommandTimeoutSeconds));
            if (stale > 0)
            {
                Log.RemovedLeftovers(logger, id, stale);
            }

            await optimizer.OptimizeQuietlyAsync(id, HousekeepingTrigger.Scan, cancellationToken);
            // A scan of many repositories takes a while: pushes do not wait for its end.
            await RunDuePushesAsync(cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3203, Level = LogLevel.Information,
            Message = "Removed {Count} leftovers of killed git processes (quarantine folders, lock files) from repository {RepositoryId}")]
        public static partial void RemovedLeftovers(ILogger logger, long repositoryId, int count);
    }
}
