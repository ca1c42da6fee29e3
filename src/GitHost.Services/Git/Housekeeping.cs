using System.Data.Common;
using GitHost.Data;
using GitHost.Data.Repositories;
using GitHost.Git;
using GitHost.Git.Maintenance;
using GitHost.Git.Storage;
using GitHost.Services.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Git;

/// <summary>
/// Repacks repositories in the background, one at a time at nice 19: a repository that had
/// <see cref="HousekeepingOptions.PushesBeforeRepack"/> pushes, and, every
/// <see cref="HousekeepingOptions.ScanIntervalSeconds"/>, each repository whose <c>count-objects</c>
/// shows too many loose objects or packs. Clients are never blocked: git's repack is safe next to fetches.
/// The scan also removes what killed git processes left behind (<see cref="StaleLeftovers"/>).
/// </summary>
public sealed partial class Housekeeping(
    PushCounter pushes, RepositoryMaintenance maintenance, RepositoryLayout layout, IServiceScopeFactory scopes, ClusterJobs jobs,
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
            var untilScan = nextScan - time.GetUtcNow();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(untilScan > TimeSpan.Zero ? untilScan : TimeSpan.Zero);
            try
            {
                var repositoryId = await pushes.Due.ReadAsync(wait.Token);
                await RepackQuietlyAsync(repositoryId, "pushes", stoppingToken);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                await ScanAsync(settings, stoppingToken);
                nextScan = time.GetUtcNow().AddSeconds(settings.ScanIntervalSeconds);
            }
        }
    }

    private async Task ScanAsync(HousekeepingOptions settings, CancellationToken cancellationToken)
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

            try
            {
                var (loose, packs) = await maintenance.CountObjectsAsync(path, cancellationToken);
                if (loose > settings.MaxLooseObjects || packs > settings.MaxPacks)
                {
                    await RepackQuietlyAsync(id, "scan", cancellationToken);
                }
            }
            catch (InvalidOperationException e)
            {
                Log.Failed(logger, id, e);
            }
        }
    }

    private async Task RepackQuietlyAsync(long repositoryId, string reason, CancellationToken cancellationToken)
    {
        var path = layout.PathOf(repositoryId);
        if (!Directory.Exists(path))
        {
            return;
        }

        var started = time.GetTimestamp();
        try
        {
            // In a cluster, a push on each node may ask for the same repository: one repack at a time.
            if (await jobs.RunAloneAsync(ClusterJobNames.Housekeeping(repositoryId), ct => maintenance.RepackAsync(path, ct), cancellationToken))
            {
                Log.Repacked(logger, repositoryId, reason, (long)time.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or DbException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A repository deleted meanwhile, a disk problem, the database gone (or this node's claim on the
            // repository with it): log it and go on with the next one.
            Log.Failed(logger, repositoryId, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Repacked repository {RepositoryId} ({Reason}) in {ElapsedMs} ms")]
        public static partial void Repacked(ILogger logger, long repositoryId, string reason, long elapsedMs);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Housekeeping of repository {RepositoryId} failed")]
        public static partial void Failed(ILogger logger, long repositoryId, Exception exception);

        [LoggerMessage(EventId = 3203, Level = LogLevel.Information,
            Message = "Removed {Count} leftovers of killed git processes (quarantine folders, lock files) from repository {RepositoryId}")]
        public static partial void RemovedLeftovers(ILogger logger, long repositoryId, int count);
    }
}
