using System.Text.Json;
using GitHost.Data;
using GitHost.Data.Webhooks;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Webhooks;

/// <summary>
/// The dispatcher's database steps. A node owns a webhook through a lease on the webhook row, so
/// one delivery per hook is in flight cluster-wide; every step is one indexed statement.
/// </summary>
public sealed class WebhookDeliveryStore(GitHostDbContext db, EpochClock clock, IOptionsMonitor<WebhookOptions> options, WebhookWriteGate gate)
{
    /// <summary>A restarted node takes its own leases back at once: the process that held them is gone.</summary>
    public Task<int> ReleaseLeasesOfAsync(string node, CancellationToken cancellationToken) => gate.RunAsync(() =>
        db.Webhooks.Where(w => w.LeaseOwner == node).ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseOwner, (string?)null).SetProperty(w => w.LeaseUntil, (long?)null), cancellationToken), cancellationToken);

    /// <summary>
    /// Active hooks with a delivery due now, other than <paramref name="busy"/>, the one whose oldest due
    /// delivery has waited longest first: when more hooks are due than workers, none waits behind the others for long.
    /// </summary>
    public async Task<IReadOnlyList<long>> DueHooksAsync(IReadOnlyCollection<long> busy, int limit, CancellationToken cancellationToken)
    {
        var now = clock.NowMs();
        var busyIds = busy.ToList();
        return await db.WebhookDeliveries
            .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptDate <= now && !busyIds.Contains(d.WebhookId))
            .GroupBy(d => d.WebhookId)
            .Select(g => new { Id = g.Key, Due = g.Min(d => d.NextAttemptDate) })
            .Where(h => db.Webhooks.Any(w => w.Id == h.Id && w.Active && (w.LeaseUntil == null || w.LeaseUntil < now)))
            .OrderBy(h => h.Due).ThenBy(h => h.Id)
            .Select(h => h.Id)
            .Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>When the next backed-off delivery falls due, if any.</summary>
    public async Task<long?> NextDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.NowMs();
        return await db.WebhookDeliveries.Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptDate > now)
            .MinAsync(d => (long?)d.NextAttemptDate, cancellationToken);
    }

    /// <summary>True when this node now owns the hook (its lease was free, lapsed, or already ours).</summary>
    public async Task<bool> ClaimAsync(long webhookId, string node, CancellationToken cancellationToken)
    {
        var now = clock.NowMs();
        var until = now + (long)options.CurrentValue.LeaseDuration.TotalMilliseconds;
        return await gate.RunAsync(() => db.Webhooks.Where(w => w.Id == webhookId && (w.LeaseUntil == null || w.LeaseUntil < now || w.LeaseOwner == node))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseOwner, node).SetProperty(w => w.LeaseUntil, until), cancellationToken), cancellationToken) == 1;
    }

    public Task ReleaseAsync(long webhookId, string node, CancellationToken cancellationToken) => gate.RunAsync(() =>
        db.Webhooks.Where(w => w.Id == webhookId && w.LeaseOwner == node)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseOwner, (string?)null).SetProperty(w => w.LeaseUntil, (long?)null), cancellationToken), cancellationToken);

    public Task<WebhookEntity?> HookAsync(long webhookId, CancellationToken cancellationToken) =>
        db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == webhookId, cancellationToken);

    /// <summary>
    /// The hook's oldest pending deliveries after <paramref name="afterId"/>, in the order they must go out:
    /// a worker passes the last one it sent, whose success may not be stored yet.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDeliveryEntity>> PendingAsync(long webhookId, long afterId, int limit, CancellationToken cancellationToken) =>
        await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.WebhookId == webhookId && d.State == WebhookDeliveryState.Pending && d.Id > afterId)
            .OrderBy(d => d.Id).Take(limit).ToListAsync(cancellationToken);

    /// <summary>
    /// Stores attempts of one hook, in the order they were made: each its own history row, and where
    /// its delivery now stands. A failure backs the delivery off (doubling, with jitter) and holds
    /// every later delivery of the hook until then, which keeps the hook's order; the last allowed
    /// failure makes it a dead letter and lets the next one go. One transaction for them all, so the
    /// history never shows an attempt the state missed, and a run of successes costs one write.
    /// </summary>
    /// <returns>The state each delivery is now in, in the order given.</returns>
    public Task<IReadOnlyList<WebhookDeliveryState>> RecordAsync(IReadOnlyList<MadeAttempt> made, CancellationToken cancellationToken) =>
        gate.RunAsync(() => RecordCoreAsync(made, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<WebhookDeliveryState>> RecordCoreAsync(IReadOnlyList<MadeAttempt> made, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var states = new List<WebhookDeliveryState>(made.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (delivery, url, outcome) in made)
        {
            var attempts = delivery.Attempts + 1;
            var state = outcome.Succeeded ? WebhookDeliveryState.Delivered
                : attempts >= settings.MaxAttempts ? WebhookDeliveryState.Failed
                : WebhookDeliveryState.Pending;
            var next = state == WebhookDeliveryState.Pending ? outcome.FinishDate + Backoff(attempts, settings) : delivery.NextAttemptDate;
            var error = Cut(outcome.Error, 1024);
            var responseBody = Cut(outcome.ResponseBody, 16384);
            db.WebhookAttempts.Add(new WebhookAttemptEntity
            {
                DeliveryId = delivery.Id,
                WebhookId = delivery.WebhookId,
                EventKey = delivery.EventKey,
                Number = attempts,
                Url = Cut(url, 2048) ?? "",
                RequestHeaders = Cut(JsonSerializer.Serialize(outcome.RequestHeaders), 4096) ?? "{}",
                RequestBodySize = outcome.RequestBodySize,
                StartDate = outcome.StartDate,
                FinishDate = outcome.FinishDate,
                StatusCode = outcome.StatusCode,
                ErrorKind = outcome.ErrorKind,
                Error = error,
                ResponseBody = responseBody,
            });
            await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, state)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.NextAttemptDate, next)
                .SetProperty(d => d.StartDate, outcome.StartDate)
                .SetProperty(d => d.FinishDate, outcome.FinishDate)
                .SetProperty(d => d.StatusCode, outcome.StatusCode)
                .SetProperty(d => d.Error, error)
                .SetProperty(d => d.ResponseBody, responseBody), cancellationToken);
            if (state == WebhookDeliveryState.Pending)
            {
                await HoldCoreAsync(delivery.WebhookId, next, cancellationToken);
            }

            states.Add(state);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await transaction.CommitAsync(cancellationToken);
        return states;
    }

    /// <summary>No later delivery of the hook falls due before <paramref name="until"/> (its head is waiting till then).</summary>
    public Task HoldAsync(long webhookId, long until, CancellationToken cancellationToken) =>
        gate.RunAsync(() => HoldCoreAsync(webhookId, until, cancellationToken), cancellationToken);

    private Task<int> HoldCoreAsync(long webhookId, long until, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.Where(d => d.WebhookId == webhookId && d.State == WebhookDeliveryState.Pending && d.NextAttemptDate < until)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptDate, until), cancellationToken);

    /// <summary>Within the column's length (a receiver's error text or a hook URL could exceed it).</summary>
    private static string? Cut(string? value, int max) => value is { Length: var length } && length > max ? value[..max] : value;

    private static long Backoff(int attempts, WebhookOptions settings)
    {
        var initial = settings.InitialBackoff.TotalMilliseconds;
        var full = Math.Min(settings.MaxBackoff.TotalMilliseconds, initial * Math.Pow(2, Math.Min(attempts - 1, 30)));
        // Equal jitter: at least half the wait, so receivers coming back are not hit by every hook at once.
        return (long)(full / 2 + Random.Shared.NextDouble() * full / 2);
    }
}
