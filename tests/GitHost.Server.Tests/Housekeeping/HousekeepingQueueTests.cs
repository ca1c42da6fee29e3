using GitHost.Git;
using GitHost.Services.Git;
using GitHost.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.Housekeeping;

/// <summary>The push trigger's queue: debounced per repository, deduplicated, bounded.</summary>
public sealed class HousekeepingQueueTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void Repository_falls_due_the_delay_after_its_last_push_and_only_once()
    {
        var queue = Queue(delaySeconds: 2);

        queue.Enqueue(7);
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        queue.Enqueue(7);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(queue.TryTakeDue(out _), "the second push moved the evaluation to 2 s after it");
        Assert.Equal(_clock.GetUtcNow().AddSeconds(1), queue.NextDue());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(queue.TryTakeDue(out var id));
        Assert.Equal(7, id);
        Assert.False(queue.TryTakeDue(out _));
        Assert.Null(queue.NextDue());
    }

    [Fact]
    public void Repository_pushed_to_without_pause_falls_due_the_longest_delay_after_its_first_push()
    {
        var queue = Queue(delaySeconds: 2, maxDelaySeconds: 10);
        var first = _clock.GetUtcNow();

        for (var second = 0; second < 10; second++)
        {
            queue.Enqueue(7);
            Assert.False(queue.TryTakeDue(out _), $"not due {second} s after the first push");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        queue.Enqueue(7);
        Assert.Equal(first.AddSeconds(10), queue.NextDue());
        Assert.True(queue.TryTakeDue(out var id));
        Assert.Equal(7, id);

        queue.Enqueue(7);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(2), queue.NextDue());
    }

    [Fact]
    public void Repository_due_longest_comes_first()
    {
        var queue = Queue(delaySeconds: 0);
        queue.Enqueue(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        queue.Enqueue(2);
        _clock.Advance(TimeSpan.FromSeconds(1));
        queue.Enqueue(3);
        _clock.Advance(TimeSpan.FromSeconds(1));
        queue.Enqueue(1);

        var order = new List<long>();
        while (queue.TryTakeDue(out var id))
        {
            order.Add(id);
        }

        Assert.Equal([2, 3, 1], order);
    }

    [Fact]
    public void Full_queue_refuses_new_repositories_but_still_delays_queued_ones()
    {
        var queue = Queue(delaySeconds: 1);
        for (var id = 0; id < HousekeepingQueue.Capacity; id++)
        {
            Assert.True(queue.Enqueue(id));
        }

        Assert.False(queue.Enqueue(HousekeepingQueue.Capacity));
        Assert.True(queue.Enqueue(5));
    }

    private HousekeepingQueue Queue(int delaySeconds, int maxDelaySeconds = 60) =>
        new(Options.Create(new GitOptions { Housekeeping = new HousekeepingOptions { DelaySeconds = delaySeconds, MaxDelaySeconds = maxDelaySeconds } }), _clock);
}
