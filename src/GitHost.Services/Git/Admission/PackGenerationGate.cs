using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Git.Admission;

/// <summary>
/// Admits at most <see cref="PackAdmissionOptions.MaxConcurrentPackGenerations"/> pack generations at
/// once on this node (both doors share it); the rest wait in arrival order up to
/// <see cref="PackAdmissionOptions.QueueTimeoutSeconds"/>, and past <see cref="PackAdmissionOptions.MaxQueued"/>
/// waiting requests a new one is refused at once, so memory stays bounded however many clients arrive.
/// <code>
/// using var turn = await gate.TryEnterAsync(ct);
/// if (turn is null) { /* 503 + Retry-After, or "fatal: ..." over SSH */ }
/// </code>
/// </summary>
public sealed class PackGenerationGate : IDisposable
{
    private readonly SemaphoreSlim _turns;
    private readonly PackAdmissionOptions _options;
    private readonly Counter<long> _admitted;
    private readonly Counter<long> _refused;
    private int _waiting;

    public PackGenerationGate(IOptions<PackAdmissionOptions> options, IMeterFactory meters)
    {
        _options = options.Value;
        Capacity = _options.EffectiveMaxConcurrent(Environment.ProcessorCount);
        _turns = new SemaphoreSlim(Capacity, Capacity);
        var meter = meters.Create("GitHost.Git");
        _admitted = meter.CreateCounter<long>("githost.git.pack_generations.admitted", description: "Fetches and clones admitted to generate a pack");
        _refused = meter.CreateCounter<long>("githost.git.pack_generations.refused", description: "Fetches and clones refused because the node was busy");
        meter.CreateObservableGauge("githost.git.pack_generations.running", () => Running, description: "Pack generations running on this node");
        meter.CreateObservableGauge("githost.git.pack_generations.waiting", () => Waiting, description: "Fetches and clones waiting for a turn");
    }

    /// <summary>Pack generations allowed at once.</summary>
    public int Capacity { get; }

    public int Running => Capacity - _turns.CurrentCount;

    public int Waiting => Volatile.Read(ref _waiting);

    public TimeSpan RetryAfter => TimeSpan.FromSeconds(_options.RetryAfterSeconds);

    /// <summary>What a refused client is told, over either door.</summary>
    public string BusyMessage =>
        $"The server is busy: {Capacity} fetches are being packed and no turn came free within "
        + $"{_options.QueueTimeoutSeconds} s. Try again in {_options.RetryAfterSeconds} s.";

    /// <summary>A turn, to dispose when the pack is sent; null when none came free in time or the queue is full.</summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (_turns.Wait(0, CancellationToken.None))
        {
            return Admitted();
        }

        if (Interlocked.Increment(ref _waiting) > _options.MaxQueued)
        {
            Interlocked.Decrement(ref _waiting);
            return Refused();
        }

        try
        {
            return await _turns.WaitAsync(TimeSpan.FromSeconds(_options.QueueTimeoutSeconds), cancellationToken) ? Admitted() : Refused();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _turns.Dispose();

    private Turn Admitted()
    {
        _admitted.Add(1);
        return new Turn(_turns);
    }

    private Turn? Refused()
    {
        _refused.Add(1);
        return null;
    }

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}
