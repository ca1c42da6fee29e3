using System.Collections.Concurrent;
using GitHost.Data.Webhooks;
using GitHost.Services.Cluster;
using GitHost.Services.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Webhooks;

/// <summary>
/// Delivers outbox events to webhooks, at least once and in order per hook. One loop fans new
/// outbox messages out to delivery rows and starts a worker per hook with work due (up to
/// <see cref="WebhookOptions.MaxParallelHooks"/>); each worker owns its hook through a lease and
/// sends its deliveries one at a time, so a slow receiver holds only its own hook. The loop wakes
/// when an event is saved (<see cref="OutboxSignal"/>) and polls as a fallback.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, OutboxSignal signal, WebhookSender sender, WebhookMetrics metrics, ClusterNode node, ClusterJobs jobs, IClusterBus bus,
    IOptionsMonitor<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>Successful attempts a hook's worker sends before storing them.</summary>
    private const int UnrecordedLimit = 32;

    /// <summary>How long a successful attempt may wait to be stored while its run grows (the delivery history shows it then).</summary>
    private static readonly TimeSpan UnrecordedAge = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<long, Task> _workers = new();

    /// <summary>
    /// More hooks have deliveries due than there are workers: each worker then stops after the batch that
    /// ends its fair share of time and gives its place to the hook that has waited longest, instead of
    /// keeping it while its own events keep coming.
    /// </summary>
    private volatile bool _hooksWaiting;

    /// <summary>Pulsed after each fan-out: wakes workers that wait, with their lease, for their hook's next delivery (on every node).</summary>
    private readonly OutboxSignal _deliveriesMade = new(bus, ClusterTopics.WebhookDeliveries);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        await Task.Yield();
        var seen = signal.Version;
        var started = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.CurrentValue.PollInterval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<WebhookDeliveryStore>();
                if (!started)
                {
                    var taken = await store.ReleaseLeasesOfAsync(node.Id, stoppingToken);
                    Log.Started(logger, node.Id, taken);
                    started = true;
                }

                if (await jobs.HoldsAsync(ClusterJobNames.WebhookFanOut, stoppingToken))
                {
                    var fanOut = scope.ServiceProvider.GetRequiredService<WebhookFanOut>();
                    while (await fanOut.RunAsync(stoppingToken) >= options.CurrentValue.BatchSize)
                    {
                    }
                }

                _deliveriesMade.Pulse();
                await StartWorkersAsync(store, stoppingToken);
                if (await store.NextDueAsync(stoppingToken) is { } due)
                {
                    var until = TimeSpan.FromMilliseconds(Math.Max(10, due - time.GetUtcNow().ToUnixTimeMilliseconds()));
                    wait = until < wait ? until : wait;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.LoopFailed(logger, e);
            }

            try
            {
                seen = await signal.WaitAsync(seen, wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_workers.Values).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task StartWorkersAsync(WebhookDeliveryStore store, CancellationToken stoppingToken)
    {
        var room = Math.Max(0, options.CurrentValue.MaxParallelHooks - _workers.Count);
        // One more than there is room for tells whether a hook is left waiting.
        var due = await store.DueHooksAsync(_workers.Keys.ToList(), room + 1, stoppingToken);
        _hooksWaiting = due.Count > room;
        foreach (var hookId in due.Take(room))
        {
            if (!await store.ClaimAsync(hookId, node.Id, stoppingToken))
            {
                continue;
            }

            var worker = new TaskCompletionSource();
            if (_workers.TryAdd(hookId, worker.Task))
            {
                _ = RunHookAsync(hookId, worker, stoppingToken);
            }
        }
    }

    private async Task RunHookAsync(long hookId, TaskCompletionSource done, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await DeliverHookAsync(hookId, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Log.WorkerFailed(logger, e, hookId);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the lease lapses or is taken back at the next start; nothing is lost.
        }
        finally
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<WebhookDeliveryStore>().ReleaseAsync(hookId, node.Id, CancellationToken.None);
                }
                catch (Exception e)
                {
                    Log.WorkerFailed(logger, e, hookId);
                }
            }

            _workers.TryRemove(hookId, out _);
            done.TrySetResult();
            signal.Pulse();
        }
    }

    /// <summary>
    /// Sends the hook's due deliveries one at a time, in order. Successes are stored in runs (up to
    /// <see cref="UnrecordedLimit"/> or <see cref="UnrecordedAge"/>; the next batch starts after the last
    /// delivery sent, so it never sees them as still pending): on SQLite each write waits for the single write lock, and one write per delivery
    /// made a busy database the pace of every hook. A crash before a run is stored sends those
    /// deliveries again after the restart, with the same <c>X-Request-Id</c> (at least once).
    /// A failure is stored at once, with the run before it: its back-off holds the hook.
    /// </summary>
    private async Task DeliverHookAsync(long hookId, CancellationToken stoppingToken)
    {
        var renewEvery = options.CurrentValue.LeaseDuration / 3;
        var renewed = time.GetTimestamp();
        var claimed = renewed;
        var unrecorded = new List<MadeAttempt>();
        var oldestUnrecorded = 0L;
        var lastSent = 0L;
        long? idleSince = null;
        try
        {
            while (true)
            {
                // Read before the batch, so a fan-out between the read and the wait still wakes the wait.
                var seen = _deliveriesMade.Version;
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<WebhookDeliveryStore>();
                var batchSize = options.CurrentValue.BatchSize;
                var batch = await store.PendingAsync(hookId, lastSent, batchSize, stoppingToken);
                if (batch.Count == 0)
                {
                    idleSince ??= time.GetTimestamp();
                    if (!await AwaitNextDeliveryAsync(seen, idleSince.Value, unrecorded, oldestUnrecorded, stoppingToken))
                    {
                        return;
                    }

                    continue;
                }

                idleSince = null;
                // Read for each batch, so a hook deactivated or edited (URL, secret) takes effect at its next delivery.
                if (await store.HookAsync(hookId, stoppingToken) is not { Active: true } hook)
                {
                    return;
                }

                foreach (var delivery in batch)
                {
                    var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                    if (delivery.NextAttemptDate > now)
                    {
                        await store.HoldAsync(hookId, delivery.NextAttemptDate, stoppingToken);
                        return;
                    }

                    if (time.GetElapsedTime(renewed) > renewEvery)
                    {
                        if (!await store.ClaimAsync(hookId, node.Id, stoppingToken))
                        {
                            return;
                        }

                        renewed = time.GetTimestamp();
                    }

                    var outcome = await sender.SendAsync(
                        new WebhookRequest(hook.Url, delivery.EventKey, delivery.Body, delivery.RequestId, hook.Secret, hook.Username, hook.Password, hook.SslVerificationRequired),
                        stoppingToken);
                    metrics.Attempted(outcome);
                    if (unrecorded.Count == 0)
                    {
                        oldestUnrecorded = time.GetTimestamp();
                    }

                    unrecorded.Add(new MadeAttempt(delivery, hook.Url, outcome));
                    lastSent = delivery.Id;
                    if (outcome.Succeeded)
                    {
                        if (unrecorded.Count >= UnrecordedLimit || time.GetElapsedTime(oldestUnrecorded) >= UnrecordedAge)
                        {
                            await RecordAsync(unrecorded);
                        }

                        continue;
                    }

                    var state = (await RecordAsync(unrecorded))[^1];
                    if (state == WebhookDeliveryState.Failed)
                    {
                        metrics.DeadLettered();
                        Log.DeadLettered(logger, delivery.Id, hookId, delivery.EventKey, delivery.Attempts + 1);
                    }
                    else
                    {
                        Log.AttemptFailed(logger, delivery.Id, hookId, outcome.StatusCode, outcome.Error);
                        return;
                    }
                }

                if (_hooksWaiting && time.GetElapsedTime(claimed) >= options.CurrentValue.FairShare)
                {
                    return;
                }

                // A short batch was everything due when it was read; what is fanned out later pulses the signal, so wait
                // for that instead of asking again at once (a steady stream of events would pay an empty read each).
                if (batch.Count < batchSize)
                {
                    idleSince = time.GetTimestamp();
                    if (!await AwaitNextDeliveryAsync(seen, idleSince.Value, unrecorded, oldestUnrecorded, stoppingToken))
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            // Sent is sent, also when shutting down or losing the lease: storing it spares the receiver a repeat.
            await RecordAsync(unrecorded);
        }
    }

    /// <summary>
    /// The hook has nothing due: keep it (and its lease) for <see cref="WebhookOptions.WorkerLinger"/> in case
    /// its next delivery comes soon, as under a steady stream of events, instead of giving it back and claiming
    /// it again for each event (two writes per event, which on SQLite queue behind every other write). The run
    /// of unstored successes is stored when it comes of age. False when the worker should give its hook back:
    /// the linger is over, or other hooks wait for a worker.
    /// </summary>
    private async Task<bool> AwaitNextDeliveryAsync(
        long seen, long idleSince, List<MadeAttempt> unrecorded, long oldestUnrecorded, CancellationToken stoppingToken)
    {
        var left = options.CurrentValue.WorkerLinger - time.GetElapsedTime(idleSince);
        if (_hooksWaiting || left <= TimeSpan.Zero)
        {
            return false;
        }

        if (unrecorded.Count > 0)
        {
            var ripe = UnrecordedAge - time.GetElapsedTime(oldestUnrecorded);
            if (ripe <= TimeSpan.Zero)
            {
                await RecordAsync(unrecorded);
            }
            else if (ripe < left)
            {
                left = ripe;
            }
        }

        await _deliveriesMade.WaitAsync(seen, left, stoppingToken);
        return true;
    }

    /// <summary>Stores the attempts made and not yet stored, in one write; the states in their order.</summary>
    private async Task<IReadOnlyList<WebhookDeliveryState>> RecordAsync(List<MadeAttempt> unrecorded)
    {
        if (unrecorded.Count == 0)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        // Not cancellable: these attempts were made, and only a crash should forget them.
        var states = await scope.ServiceProvider.GetRequiredService<WebhookDeliveryStore>().RecordAsync(unrecorded, CancellationToken.None);
        unrecorded.Clear();
        return states;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6420, Level = LogLevel.Information, Message = "Webhook dispatcher started as {Node}; took back {Leases} leases of its previous run")]
        public static partial void Started(ILogger logger, string node, int leases);

        [LoggerMessage(EventId = 6421, Level = LogLevel.Error, Message = "Webhook dispatch loop failed; retrying at the next poll")]
        public static partial void LoopFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 6422, Level = LogLevel.Error, Message = "Webhook {WebhookId} delivery worker failed; its deliveries stay pending")]
        public static partial void WorkerFailed(ILogger logger, Exception exception, long webhookId);

        [LoggerMessage(EventId = 6423, Level = LogLevel.Information, Message = "Delivery {DeliveryId} to webhook {WebhookId} failed (status {StatusCode}, {Error}); retrying later")]
        public static partial void AttemptFailed(ILogger logger, long deliveryId, long webhookId, int? statusCode, string? error);

        [LoggerMessage(EventId = 6424, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} of {EventKey} to webhook {WebhookId} is a dead letter after {Attempts} attempts")]
        public static partial void DeadLettered(ILogger logger, long deliveryId, long webhookId, string eventKey, int attempts);
    }
}
