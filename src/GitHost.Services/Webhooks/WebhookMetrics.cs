using System.Diagnostics.Metrics;

namespace GitHost.Services.Webhooks;

/// <summary>Delivery counters for metrics: <c>githost.webhooks.deliveries</c> (tagged by outcome) and the failure and dead-letter counts.</summary>
public sealed class WebhookMetrics
{
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _deadLetters;
    private long _failureTotal;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("GitHost.Webhooks");
        _deliveries = meter.CreateCounter<long>("githost.webhooks.deliveries", description: "Webhook delivery attempts");
        _failures = meter.CreateCounter<long>("githost.webhooks.failures", description: "Webhook delivery attempts without a 2xx answer");
        _deadLetters = meter.CreateCounter<long>("githost.webhooks.dead_letters", description: "Webhook deliveries given up after every attempt failed");
    }

    /// <summary>Failed attempts since start.</summary>
    public long Failures => Interlocked.Read(ref _failureTotal);

    public void Attempted(DeliveryOutcome outcome)
    {
        _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", WebhookOutcomes.Of(outcome)));
        if (!outcome.Succeeded)
        {
            _failures.Add(1);
            Interlocked.Increment(ref _failureTotal);
        }
    }

    public void DeadLettered() => _deadLetters.Add(1);
}
