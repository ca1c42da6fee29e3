using System.Data.Common;
using GitHost.Services.Audit;
using GitHost.Services.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Audit;

/// <summary>
/// The one place audit records are deleted: records older than <c>RetentionDays</c>, in batches of
/// <c>PurgeBatchSize</c> so no statement holds a long lock, and never a record the JSON lines file
/// has not received yet. Old files go after <c>FileRetentionDays</c>.
/// </summary>
internal sealed partial class AuditRetention(
    IServiceScopeFactory scopes, AuditFileWriter files, ClusterJobs jobs, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await jobs.IsDueAsync(ClusterJobNames.AuditRetention, TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes), stoppingToken))
                {
                    await PurgeAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is DbException or DbUpdateException or IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                Log.PurgeFailed(logger, e);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One purge pass; returns how many records it deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-settings.RetentionDays).ToUnixTimeMilliseconds();
        // Unwritten records stay until the file has them, so retention never makes the file miss one.
        var writtenUpTo = settings.FileEnabled ? files.WrittenUpTo() : long.MaxValue;
        var total = 0;
        for (var more = true; more;)
        {
            await using var scope = scopes.CreateAsyncScope();
            (var deleted, more) = await scope.ServiceProvider.GetRequiredService<AuditLog>()
                .PurgeBatchAsync(cutoff, writtenUpTo, settings.PurgeBatchSize, cancellationToken);
            total += deleted;
        }

        if (total > 0)
        {
            Log.Purged(logger, total, settings.RetentionDays);
        }

        PurgeFiles(now.AddDays(-settings.FileRetentionDays).UtcDateTime);
        return total;
    }

    private void PurgeFiles(DateTime cutoff)
    {
        if (!Directory.Exists(files.Folder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(files.Folder, "audit-*.jsonl"))
        {
            if (File.GetLastWriteTimeUtc(path) < cutoff)
            {
                File.Delete(path);
                Log.FileDeleted(logger, Path.GetFileName(path));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6610, Level = LogLevel.Information, Message = "Purged {Count} audit records older than {RetentionDays} days")]
        public static partial void Purged(ILogger logger, int count, int retentionDays);

        [LoggerMessage(EventId = 6611, Level = LogLevel.Information, Message = "Deleted audit log file {File}, older than the file retention")]
        public static partial void FileDeleted(ILogger logger, string file);

        [LoggerMessage(EventId = 6612, Level = LogLevel.Warning, Message = "Purging old audit records failed; retrying at the next interval")]
        public static partial void PurgeFailed(ILogger logger, Exception exception);
    }
}
