using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Data;
using GitHost.Data.Webhooks;
using GitHost.Services.Common;
using GitHost.Services.Outbox;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Webhooks;

/// <summary>A hook's deliveries: the latest invocation, outcome counts, the history page and manual redelivery.</summary>
public sealed class WebhookHistory(GitHostDbContext db, EpochClock clock, OutboxSignal signal)
{
    public async Task<WebhookDeliveryEntity?> LatestAsync(long webhookId, string? eventKey, string? outcome, CancellationToken cancellationToken)
    {
        var query = Attempted(webhookId, eventKey);
        query = outcome?.ToUpperInvariant() switch
        {
            null or "" => query,
            WebhookOutcomes.Success => query.Where(d => d.StatusCode >= 200 && d.StatusCode < 300),
            WebhookOutcomes.Failure => query.Where(d => d.StatusCode != null && (d.StatusCode < 200 || d.StatusCode >= 300)),
            WebhookOutcomes.Error => query.Where(d => d.StatusCode == null),
            _ => throw GitHostException.Invalid($"'{WebhookInput.Truncate(outcome)}' is not an outcome; use SUCCESS, FAILURE or ERROR.", "outcome"),
        };
        return await query.OrderByDescending(d => d.FinishDate).ThenByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<WebhookStatistics> StatisticsAsync(long webhookId, string? eventKey, CancellationToken cancellationToken)
    {
        var attempted = Attempted(webhookId, eventKey);
        var successes = await attempted.CountAsync(d => d.StatusCode >= 200 && d.StatusCode < 300, cancellationToken);
        var errors = await attempted.CountAsync(d => d.StatusCode == null, cancellationToken);
        var failures = await attempted.CountAsync(cancellationToken) - successes - errors;
        var deadLetters = await db.WebhookDeliveries.CountAsync(d => d.WebhookId == webhookId && d.State == WebhookDeliveryState.Failed, cancellationToken);
        var pending = await db.WebhookDeliveries.CountAsync(d => d.WebhookId == webhookId && d.State == WebhookDeliveryState.Pending, cancellationToken);
        return new WebhookStatistics(
            successes, failures, errors, deadLetters, pending,
            await LatestAsync(webhookId, eventKey, WebhookOutcomes.Success, cancellationToken),
            await LatestAsync(webhookId, eventKey, WebhookOutcomes.Failure, cancellationToken),
            await LatestAsync(webhookId, eventKey, WebhookOutcomes.Error, cancellationToken));
    }

    public async Task<Page<WebhookDeliveryEntity>> DeliveriesAsync(long webhookId, WebhookDeliveryState? state, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId);
        if (state is { } wanted)
        {
            query = query.Where(d => d.State == wanted);
        }

        return await query.OrderByDescending(d => d.Id).ToPageAsync(page, cancellationToken);
    }

    /// <summary>Sends a delivery again as a new row (the old one stays in the history), after every delivery already owed to the hook.</summary>
    public async Task<WebhookDeliveryEntity> RedeliverAsync(long webhookId, long deliveryId, CancellationToken cancellationToken)
    {
        var original = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.WebhookId == webhookId, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"Webhook {webhookId} has no delivery {deliveryId}.");
        var now = clock.NowMs();
        var held = await db.WebhookDeliveries.Where(d => d.WebhookId == webhookId && d.State == WebhookDeliveryState.Pending)
            .MaxAsync(d => (long?)d.NextAttemptDate, cancellationToken);
        var copy = new WebhookDeliveryEntity
        {
            WebhookId = webhookId,
            EventKey = original.EventKey,
            Body = original.Body,
            RequestId = Guid.NewGuid().ToString(),
            State = WebhookDeliveryState.Pending,
            CreatedDate = now,
            NextAttemptDate = Math.Max(now, held ?? now),
        };
        db.WebhookDeliveries.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        signal.Pulse();
        return copy;
    }

    private IQueryable<WebhookDeliveryEntity> Attempted(long webhookId, string? eventKey)
    {
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId && d.Attempts > 0);
        return string.IsNullOrEmpty(eventKey) ? query : query.Where(d => d.EventKey == eventKey);
    }
}
