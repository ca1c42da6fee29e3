using GitHost.Data.Pipelines;
using GitHost.Services.Cluster;
using GitHost.Services.Outbox;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>
/// Wakes runners' long polls when steps become ready, on this node and (in a cluster) on the others, where
/// runners may be waiting (the same pulse-and-version mechanism as the outbox's).
/// </summary>
public sealed class PipelineQueueSignal(IClusterBus bus)
{
    private readonly OutboxSignal _signal = new(bus, ClusterTopics.PipelineQueue);

    public long Version => _signal.Version;

    public void Pulse() => _signal.Pulse();

    /// <summary>Pulses when any of the just-saved pipelines has a step waiting for a runner.</summary>
    public void PulseIfReady(IEnumerable<PipelineEntity> saved)
    {
        if (saved.Any(p => p.Steps.Any(s => s.State == PipelineStepState.Ready)))
        {
            Pulse();
        }
    }

    public Task<long> WaitAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(seen, timeout, cancellationToken);
}
