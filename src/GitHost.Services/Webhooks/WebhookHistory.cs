using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Data;
using GitHost.Data.Webhooks;
using GitHost.Services.Common;
using GitHost.Services.Outbox;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Webhooks;

/// <summary>
/// A hook's history: its deliveries (where each stands), their attempts (what happened each time),
/// the latest attempt and outcome counts Bitbucket shows, and manual redelivery.
/// </summary>
public sealed class WebhookHistory(GitHostDbContext db, EpochClock clock, OutboxSignal signal)
{
    /// <summary>Characters of the sent body shown with an attempt; the size says how much there was.</summary>
    public const int ShownBodyLength = 16 * 1024;

    public async Task<WebhookInvocation?> LatestAsync(long webhookId, string? eventKey, string? outcome, CancellationToken cancellationToken) =>
        await Invocations(Attempts(webhookId, eventKey, outcome), newestFirst: true).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every attempt of the hook, newest first.</summary>
    public Task<Page<WebhookInvocation>> AttemptsAsync(long webhookId, string? eventKey, string? outcome, PageRequest page, CancellationToken cancellationToken) =>
        Invocations(Attempts(webhookId, eventKey, outcome), newestFirst: true).ToPageAsync(page, cancellationToken);

    /// <summary>One delivery's attempts, first to last; 404 when the hook has no such delivery.</summary>
    public async Task<Page<WebhookInvocation>> DeliveryAttemptsAsync(long webhookId, long deliveryId, PageRequest page, CancellationToken cancellationToken)
    {
        await DeliveryAsync(webhookId, deliveryId, cancellationToken);
        var attempts = db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId);
        return await Invocations(attempts, newestFirst: false).ToPageAsync(page, cancellationToken);
    }

    public async Task<WebhookStatistics> StatisticsAsync(long webhookId, string? eventKey, CancellationToken cancellationToken)
    {
        var attempts = Attempts(webhookId, eventKey, null);
        var successes = await attempts.CountAsync(a => a.StatusCode >= 200 && a.StatusCode < 300, cancellationToken);
        var errors = await attempts.CountAsync(a => a.StatusCode == null, cancellationToken);
        var failures = await attempts.CountAsync(cancellationToken) - successes - errors;
        var deliveries = db.WebhookDeliveries.Where(d => d.WebhookId == webhookId && (string.IsNullOrEmpty(eventKey) || d.EventKey == eventKey));
        var deadLetters = await deliveries.CountAsync(d => d.State == WebhookDeliveryState.Failed, cancellationToken);
        var pending = await deliveries.CountAsync(d => d.State == WebhookDeliveryState.Pending, cancellationToken);
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

    public async Task<WebhookDeliveryEntity> DeliveryAsync(long webhookId, long deliveryId, CancellationToken cancellationToken) =>
        await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.WebhookId == webhookId, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"Webhook {webhookId} has no delivery {deliveryId}.");

    /// <summary>Sends a delivery again as a new row (the old one stays in the history), after every delivery already owed to the hook.</summary>
    public async Task<WebhookDeliveryEntity> RedeliverAsync(long webhookId, long deliveryId, CancellationToken cancellationToken)
    {
        var original = await DeliveryAsync(webhookId, deliveryId, cancellationToken);
        var now = clock.NowMs();
        var held = await db.WebhookDeliveries.Where(d => d.WebhookId == webhookId && d.State == WebhookDeliveryState.Pending)
            .MaxAsync(d => (long?)d.NextAttemptDate, cancellationToken);
        var copy = new WebhookDeliveryEntity
        {
            WebhookId = webhookId,
            RedeliveryOfId = original.Id,
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

    /// <summary>SUCCESS (2xx), FAILURE (another answer) or ERROR (no answer); 400 for anything else.</summary>
    private IQueryable<WebhookAttemptEntity> Attempts(long webhookId, string? eventKey, string? outcome)
    {
        var query = db.WebhookAttempts.AsNoTracking().Where(a => a.WebhookId == webhookId);
        query = string.IsNullOrEmpty(eventKey) ? query : query.Where(a => a.EventKey == eventKey);
        return outcome?.ToUpperInvariant() switch
        {
            null or "" => query,
            WebhookOutcomes.Success => query.Where(a => a.StatusCode >= 200 && a.StatusCode < 300),
            WebhookOutcomes.Failure => query.Where(a => a.StatusCode != null && (a.StatusCode < 200 || a.StatusCode >= 300)),
            WebhookOutcomes.Error => query.Where(a => a.StatusCode == null),
            _ => throw GitHostException.Invalid($"'{WebhookInput.Truncate(outcome)}' is not an outcome; use SUCCESS, FAILURE or ERROR.", "outcome"),
        };
    }

    private IQueryable<WebhookInvocation> Invocations(IQueryable<WebhookAttemptEntity> attempts, bool newestFirst)
    {
        var joined = attempts.Join(
            db.WebhookDeliveries, a => a.DeliveryId, d => d.Id, (a, d) => new { Attempt = a, Body = d.Body.Substring(0, ShownBodyLength), d.RequestId });
        var ordered = newestFirst ? joined.OrderByDescending(x => x.Attempt.Id) : joined.OrderBy(x => x.Attempt.Number).ThenBy(x => x.Attempt.Id);
        return ordered.Select(x => new WebhookInvocation(x.Attempt, x.Body, x.RequestId));
    }
}
