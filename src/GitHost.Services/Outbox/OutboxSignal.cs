using GitHost.Services.Cluster;

namespace GitHost.Services.Outbox;

/// <summary>
/// Wakes outbox consumers as soon as an event is saved, so they need not poll to be fast. Each
/// consumer passes the version it last saw, so a pulse that came while it was busy is not missed,
/// and many pulses while it was busy make one wake-up. In a cluster a pulse also wakes the consumers
/// of every other node (through <see cref="IClusterBus"/> under <see cref="Topic"/>).
/// </summary>
public sealed class OutboxSignal
{
    private readonly IClusterBus _bus;
    private readonly Lock _lock = new();
    private long _version;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OutboxSignal(IClusterBus bus, string topic = ClusterTopics.Outbox)
    {
        _bus = bus;
        Topic = topic;
        bus.Subscribe(topic, PulseHere);
    }

    public string Topic { get; }

    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    public void Pulse()
    {
        PulseHere();
        _bus.Publish(Topic);
    }

    private void PulseHere()
    {
        TaskCompletionSource fired;
        lock (_lock)
        {
            _version++;
            fired = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }

    /// <summary>Returns the new version once it differs from <paramref name="seen"/>, or after <paramref name="timeout"/> (the fallback poll).</summary>
    public async Task<long> WaitAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task next;
        lock (_lock)
        {
            if (_version != seen)
            {
                return _version;
            }

            next = _next.Task;
        }

        // A timeout means nothing was saved for a while: look anyway. Not thrown: consumers wait with short
        // timeouts hundreds of times a second under load, and each thrown exception costs more than the wait.
        await next.WaitAsync(timeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        return Version;
    }
}
