using GitHost.Data;
using GitHost.Data.Webhooks;
using GitHost.Services.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Webhooks;

/// <summary>
/// The one place delivery history and outbox events are deleted: delivered deliveries after
/// <c>KeepDelivered</c>, dead letters after <c>KeepFailed</c> (each with its attempts), and outbox
/// events the webhook fan-out (their only consumer today; it sets <c>ProcessedDate</c>) finished
/// with more than <c>KeepProcessedEvents</c> ago. Pending deliveries and unprocessed events are
/// never touched. Every statement deletes at most <c>BatchSize</c> rows in its own short
/// transaction, so a large first purge never holds SQLite's single write lock for long.
/// </summary>
public sealed partial class WebhookRetention(
    IServiceScopeFactory scopes, ClusterJobs jobs, IOptionsMonitor<WebhookRetentionOptions> options, TimeProvider time, ILogger<WebhookRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (options.CurrentValue.Enabled)
            {
                try
                {
                    if (await jobs.IsDueAsync(ClusterJobNames.WebhookRetention, options.CurrentValue.Interval, stoppingToken))
                    {
                        await PurgeAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.PurgeFailed(logger, e);
                }
            }

            try
            {
                await Task.Delay(options.CurrentValue.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One purge pass, as of the injected clock's now.</summary>
    public async Task<WebhookPurge> PurgeAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var delivered = await PurgeDeliveriesAsync(WebhookDeliveryState.Delivered, Cutoff(now, settings.KeepDelivered), settings.BatchSize, cancellationToken);
        var failed = await PurgeDeliveriesAsync(WebhookDeliveryState.Failed, Cutoff(now, settings.KeepFailed), settings.BatchSize, cancellationToken);
        var events = await PurgeEventsAsync(Cutoff(now, settings.KeepProcessedEvents), settings.BatchSize, cancellationToken);
        var purge = new WebhookPurge(delivered.Deliveries + failed.Deliveries, delivered.Attempts + failed.Attempts, events);
        if (purge.Deliveries + purge.Events > 0)
        {
            Log.Purged(logger, purge.Deliveries, purge.Attempts, purge.Events);
        }

        return purge;
    }

    private static long Cutoff(DateTimeOffset now, TimeSpan keep) => (now - keep).ToUnixTimeMilliseconds();

    private async Task<(int Deliveries, int Attempts)> PurgeDeliveriesAsync(WebhookDeliveryState state, long cutoff, int batchSize, CancellationToken cancellationToken)
    {
        var deliveries = 0;
        var attempts = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
            var ids = await db.WebhookDeliveries.Where(d => d.State == state && d.FinishDate < cutoff)
                .OrderBy(d => d.FinishDate).Select(d => d.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return (deliveries, attempts);
            }

            // Attempts first, by statement rather than by cascade: SQLite enforces the cascade only
            // with foreign keys on, and a crash between the two leaves a delivery the next pass takes.
            attempts += await db.WebhookAttempts.Where(a => ids.Contains(a.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
            deliveries += await db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.State == state).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < batchSize)
            {
                return (deliveries, attempts);
            }
        }
    }

    private async Task<int> PurgeEventsAsync(long cutoff, int batchSize, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
            var ids = await db.OutboxMessages.Where(m => m.ProcessedDate != null && m.ProcessedDate < cutoff && m.PipelinesProcessedDate != null)
                .OrderBy(m => m.Id).Select(m => m.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return total;
            }

            // Deliveries made from them stay (they carry their own body); their link is cleared.
            await db.WebhookDeliveries.Where(d => d.OutboxMessageId != null && ids.Contains(d.OutboxMessageId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.OutboxMessageId, (long?)null), cancellationToken);
            total += await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < batchSize)
            {
                return total;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6430, Level = LogLevel.Information, Message = "Purged {Deliveries} webhook deliveries with {Attempts} attempts and {Events} finished outbox events")]
        public static partial void Purged(ILogger logger, int deliveries, int attempts, int events);

        [LoggerMessage(EventId = 6431, Level = LogLevel.Warning, Message = "Purging old webhook deliveries failed; retrying at the next interval")]
        public static partial void PurgeFailed(ILogger logger, Exception exception);
    }
}
