using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Data.Webhooks;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Webhooks;

/// <summary>
/// Turns unprocessed outbox messages into delivery rows, one per matching active webhook, and marks
/// the messages processed in the same save: a crash before the save replays the batch, and the
/// unique (webhook, message) index keeps a replay from owing a hook twice.
/// </summary>
public sealed partial class WebhookFanOut(
    GitHostDbContext db, IWebhookEventShaper shaper, EpochClock clock, IOptionsMonitor<WebhookOptions> options, WebhookWriteGate gate,
    ILogger<WebhookFanOut> logger)
{
    /// <summary>Messages a failing shape is retried for before it is skipped (logged), so one bad row cannot stall the rest.</summary>
    private const int MaxShapeAttempts = 5;

    /// <summary>The number of messages taken (a full batch means more may wait).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.CurrentValue.BatchSize;
        var batch = await db.OutboxMessages.Where(m => m.ProcessedDate == null).OrderBy(m => m.Id).Take(batchSize).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var hooks = await db.Webhooks.AsNoTracking().Where(w => w.Active).ToListAsync(cancellationToken);
        var now = clock.NowMs();
        var deliveries = 0;
        foreach (var message in batch)
        {
            var wanting = hooks.Where(h => h.CreatedDate <= message.CreatedDate && WebhookRow.Wants(h, message.EventKey)).ToList();
            if (wanting.Count == 0)
            {
                message.ProcessedDate = now;
                continue;
            }

            ShapedEvent? shaped;
            try
            {
                shaped = await shaper.ShapeAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.Attempts++;
                Log.ShapeFailed(logger, e, message.Id, message.EventKey, message.Attempts);
                if (message.Attempts >= MaxShapeAttempts)
                {
                    message.ProcessedDate = now;
                }

                continue;
            }

            message.ProcessedDate = now;
            if (shaped is null)
            {
                continue;
            }

            foreach (var hook in wanting.Where(h => Covers(h, shaped.Scope)))
            {
                db.WebhookDeliveries.Add(new WebhookDeliveryEntity
                {
                    WebhookId = hook.Id,
                    OutboxMessageId = message.Id,
                    EventKey = message.EventKey,
                    Body = shaped.Body,
                    RequestId = Guid.NewGuid().ToString(),
                    State = WebhookDeliveryState.Pending,
                    CreatedDate = message.CreatedDate,
                    NextAttemptDate = now,
                });
                deliveries++;
            }
        }

        await gate.RunAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
        db.ChangeTracker.Clear();
        if (deliveries > 0)
        {
            Log.FannedOut(logger, batch.Count, deliveries);
        }

        return batch.Count;
    }

    private static bool Covers(WebhookEntity hook, WebhookScope scope) => hook.ScopeType switch
    {
        SettingsScope.Repository => scope.RepositoryId == hook.ScopeId,
        _ => scope.ProjectId == hook.ScopeId,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 6410, Level = LogLevel.Debug, Message = "Fanned {MessageCount} outbox messages out to {DeliveryCount} webhook deliveries")]
        public static partial void FannedOut(ILogger logger, int messageCount, int deliveryCount);

        [LoggerMessage(EventId = 6411, Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({EventKey}) could not be shaped for webhooks (attempt {Attempt})")]
        public static partial void ShapeFailed(ILogger logger, Exception exception, long messageId, string eventKey, int attempt);
    }
}
