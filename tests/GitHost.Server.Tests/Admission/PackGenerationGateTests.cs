using System.Diagnostics.Metrics;
using GitHost.Services.Git.Admission;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.Admission;

/// <summary>The gate's rules: N at once, the rest wait in turn up to a timeout, a full queue refuses at once.</summary>
public sealed class PackGenerationGateTests : IDisposable
{
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task Turns_past_the_limit_wait_and_are_given_in_arrival_order_as_turns_end()
    {
        using var gate = Gate(new PackAdmissionOptions { MaxConcurrentPackGenerations = 2, QueueTimeoutSeconds = 600 });
        var first = await gate.TryEnterAsync(Ct);
        var second = await gate.TryEnterAsync(Ct);
        var third = gate.TryEnterAsync(Ct);
        var fourth = gate.TryEnterAsync(Ct);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal((2, 2), (gate.Running, gate.Waiting));
        Assert.False(third.IsCompleted);

        first.Dispose();
        first.Dispose();
        var admitted = await third.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.NotNull(admitted);
        Assert.False(fourth.IsCompleted, "a turn given back twice was counted twice");
        Assert.Equal((2, 1), (gate.Running, gate.Waiting));

        second.Dispose();
        (await fourth.WaitAsync(TimeSpan.FromSeconds(30), Ct))!.Dispose();
        admitted.Dispose();
        Assert.Equal((0, 0), (gate.Running, gate.Waiting));
    }

    [Fact]
    public async Task No_turn_within_the_timeout_or_a_full_queue_is_a_refusal_and_counts_nothing_as_running()
    {
        using var gate = Gate(new PackAdmissionOptions { MaxConcurrentPackGenerations = 1, QueueTimeoutSeconds = 0, MaxQueued = 0 });
        using var running = await gate.TryEnterAsync(Ct);

        Assert.Null(await gate.TryEnterAsync(Ct));
        Assert.Equal((1, 0), (gate.Running, gate.Waiting));

        using var queued = Gate(new PackAdmissionOptions { MaxConcurrentPackGenerations = 1, QueueTimeoutSeconds = 600, MaxQueued = 1 });
        using var holder = await queued.TryEnterAsync(Ct);
        var waiting = queued.TryEnterAsync(Ct);
        Assert.Null(await queued.TryEnterAsync(Ct));
        Assert.Equal((1, 1), (queued.Running, queued.Waiting));
        holder!.Dispose();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct))!.Dispose();
    }

    [Fact]
    public async Task A_client_that_leaves_while_waiting_leaves_the_queue()
    {
        using var gate = Gate(new PackAdmissionOptions { MaxConcurrentPackGenerations = 1, QueueTimeoutSeconds = 600 });
        using var running = await gate.TryEnterAsync(Ct);
        using var leaving = new CancellationTokenSource();
        var waiting = gate.TryEnterAsync(leaving.Token);

        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal((1, 0), (gate.Running, gate.Waiting));
    }

    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(0, 2, 3)]
    [InlineData(0, 8, 12)]
    [InlineData(5, 8, 5)]
    public void The_default_capacity_follows_the_cpu_count(int configured, int processors, int expected) =>
        Assert.Equal(expected, new PackAdmissionOptions { MaxConcurrentPackGenerations = configured }.EffectiveMaxConcurrent(processors));

    private PackGenerationGate Gate(PackAdmissionOptions options) =>
        new(Options.Create(options), _metrics.GetRequiredService<IMeterFactory>());
}
