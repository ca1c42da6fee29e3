using GitHost.Services.Outbox;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>Wakes runners' long polls on this node when steps become ready (the same pulse-and-version mechanism as the outbox's).</summary>
public sealed class PipelineQueueSignal
{
    private readonly OutboxSignal _signal = new();

    public long Version => _signal.Version;

    public void Pulse() => _signal.Pulse();

    public Task<long> WaitAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(seen, timeout, cancellationToken);
}
