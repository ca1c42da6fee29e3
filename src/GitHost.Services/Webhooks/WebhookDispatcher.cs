using System.Collections.Concurrent;
using GitHost.Data.Webhooks;
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
    IServiceScopeFactory scopes, OutboxSignal signal, WebhookSender sender, WebhookMetrics metrics, WebhookNode node,
    IOptionsMonitor<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<long, Task> _workers = new();

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

                var fanOut = scope.ServiceProvider.GetRequiredService<WebhookFanOut>();
                while (await fanOut.RunAsync(stoppingToken) >= options.CurrentValue.BatchSize)
                {
                }

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
        var room = options.CurrentValue.MaxParallelHooks - _workers.Count;
        if (room <= 0)
        {
            return;
        }

        foreach (var hookId in await store.DueHooksAsync(_workers.Keys.ToList(), room, stoppingToken))
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

    private async Task DeliverHookAsync(long hookId, CancellationToken stoppingToken)
    {
        var renewEvery = options.CurrentValue.LeaseDuration / 3;
        var renewed = time.GetTimestamp();
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<WebhookDeliveryStore>();
            if (await store.HookAsync(hookId, stoppingToken) is not { Active: true } hook)
            {
                return;
            }

            var batch = await store.PendingAsync(hookId, options.CurrentValue.BatchSize, stoppingToken);
            if (batch.Count == 0)
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
                var state = await store.RecordAsync(delivery, hook.Url, outcome, CancellationToken.None);
                if (state == WebhookDeliveryState.Failed)
                {
                    metrics.DeadLettered();
                    Log.DeadLettered(logger, delivery.Id, hookId, delivery.EventKey, delivery.Attempts + 1);
                }
                else if (state == WebhookDeliveryState.Pending)
                {
                    Log.AttemptFailed(logger, delivery.Id, hookId, outcome.StatusCode, outcome.Error);
                    return;
                }
            }
        }
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
