using System.Threading.Channels;
using GitHost.Git;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Git;

/// <summary>
/// Repositories pushed to lately, each due for a housekeeping evaluation
/// <see cref="HousekeepingOptions.DelaySeconds"/> after its last push: a burst of pushes makes one
/// evaluation, and a steady stream one every <see cref="HousekeepingOptions.MaxDelaySeconds"/>. In
/// memory and per node, with room for <see cref="Capacity"/> repositories; what is lost (a full
/// queue, a restart) the periodic scan catches.
/// <code>
/// queue.Enqueue(repositoryId);                                  // after each recorded push
/// if (queue.TryTakeDue(out var id)) { await EvaluateAsync(id); } // the housekeeping loop
/// </code>
/// </summary>
public sealed class HousekeepingQueue(IOptions<GitOptions> options, TimeProvider time)
{
    public const int Capacity = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, Waiting> _due = [];
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>
    /// (Re)sets the repository's evaluation to the delay from now, but no later than the longest delay from its first
    /// queued push; false when the queue is full.
    /// </summary>
    public bool Enqueue(long repositoryId)
    {
        var now = time.GetUtcNow();
        var settings = options.Value.Housekeeping;
        lock (_lock)
        {
            var first = _due.TryGetValue(repositoryId, out var waiting) ? waiting.Since : now;
            if (waiting is null && _due.Count >= Capacity)
            {
                return false;
            }

            var latest = first.AddSeconds(Math.Max(settings.MaxDelaySeconds, settings.DelaySeconds));
            var due = now.AddSeconds(settings.DelaySeconds);
            _due[repositoryId] = new Waiting(first, due < latest ? due : latest);
        }

        _changed.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Takes the repository that has been due longest, if any is due now.</summary>
    public bool TryTakeDue(out long repositoryId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            repositoryId = 0;
            var found = false;
            var earliest = DateTimeOffset.MaxValue;
            foreach (var (id, (_, due)) in _due)
            {
                if (due <= now && due < earliest)
                {
                    (repositoryId, earliest, found) = (id, due, true);
                }
            }

            if (found)
            {
                _due.Remove(repositoryId);
            }

            return found;
        }
    }

    /// <summary>When the next repository falls due, or null when none is queued.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_lock)
        {
            return _due.Count == 0 ? null : _due.Values.Min(w => w.Due);
        }
    }

    /// <summary>Waits until a push is queued or <paramref name="timeout"/> passes, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _changed.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout: time to look at the queue and the scan again.
        }
    }

    private sealed record Waiting(DateTimeOffset Since, DateTimeOffset Due);
}
