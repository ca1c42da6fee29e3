using System.Diagnostics.Metrics;
using System.Text;
using GitHost.Git.Commands;
using GitHost.Git.Storage;
using GitHost.Services.Git.Admission;
using GitHost.Services.Git.PackCache;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.PackCache;

/// <summary>
/// The cache's rules with a generation the test drives step by step (no git): one generation however many
/// identical requests arrive, readers of a growing answer get every byte, and only a whole answer made for
/// an unchanged state is ever stored.
/// </summary>
public sealed class UploadPackCacheTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _home = Directory.CreateTempSubdirectory("githost-pack-cache-").FullName;
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly PackGenerationGate _gate;
    private readonly UploadPackCache _cache;

    public UploadPackCacheTests()
    {
        _gate = new PackGenerationGate(Options.Create(new PackAdmissionOptions { MaxConcurrentPackGenerations = 1, QueueTimeoutSeconds = 0 }),
            _metrics.GetRequiredService<IMeterFactory>());
        _cache = new UploadPackCache(Options.Create(new PackCacheOptions()), new RepositoryLayout(_home), _gate, new Lifetime(),
            _metrics.GetRequiredService<IMeterFactory>(), TimeProvider.System, NullLogger<UploadPackCache>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _gate.Dispose();
        _metrics.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task Identical_requests_during_a_generation_read_the_growing_answer_and_git_runs_once()
    {
        var generation = new SteppedGeneration();
        var request = generation.Request("k1");
        using var first = new MemoryStream();
        var leader = _cache.ServeAsync(request, first, null, Ct);
        await generation.Started.Task.WaitAsync(Deadline, Ct);
        await generation.WriteAsync("0008NAK\n");

        using var second = new MemoryStream();
        using var third = new MemoryStream();
        var followers = new[] { _cache.ServeAsync(request, second, null, Ct), _cache.ServeAsync(generation.Request("k1"), third, null, Ct) };
        await generation.WriteAsync("PACK-part-two");
        generation.Finish(exitCode: 0);

        var answers = await Task.WhenAll([leader, .. followers]).WaitAsync(Deadline, Ct);
        Assert.Equal([PackCacheSource.Generated, PackCacheSource.Shared, PackCacheSource.Shared], answers.Select(a => a.Source));
        Assert.All(answers, a => Assert.Null(a.Failure));
        Assert.All(new[] { first, second, third }, s => Assert.Equal("0008NAK\nPACK-part-two", Encoding.ASCII.GetString(s.ToArray())));
        Assert.Equal(1, generation.Runs);

        using var later = new MemoryStream();
        var stored = await _cache.ServeAsync(new SteppedGeneration().Request("k1"), later, null, Ct);
        Assert.Equal(PackCacheSource.Stored, stored.Source);
        Assert.Equal("0008NAK\nPACK-part-two", Encoding.ASCII.GetString(later.ToArray()));
        Assert.Equal(0, _gate.Running);
    }

    [Fact]
    public async Task A_killed_generation_breaks_every_reader_and_leaves_nothing_to_serve()
    {
        var generation = new SteppedGeneration();
        using var first = new MemoryStream();
        var leader = _cache.ServeAsync(generation.Request("k2"), first, null, Ct);
        await generation.Started.Task.WaitAsync(Deadline, Ct);
        await generation.WriteAsync("PACK-half");
        using var second = new MemoryStream();
        var follower = _cache.ServeAsync(generation.Request("k2"), second, null, Ct);

        generation.Kill();

        await Assert.ThrowsAsync<PackGenerationAbortedException>(() => leader.WaitAsync(Deadline, Ct));
        await Assert.ThrowsAsync<PackGenerationAbortedException>(() => follower.WaitAsync(Deadline, Ct));
        Assert.Empty(Directory.EnumerateFiles(_cache.Root, "*", SearchOption.AllDirectories));

        var retry = new SteppedGeneration();
        using var again = new MemoryStream();
        var next = _cache.ServeAsync(retry.Request("k2"), again, null, Ct);
        await retry.Started.Task.WaitAsync(Deadline, Ct);
        await retry.WriteAsync("PACK-whole");
        retry.Finish(exitCode: 0);
        Assert.Equal(PackCacheSource.Generated, (await next.WaitAsync(Deadline, Ct)).Source);
        Assert.Equal(1, retry.Runs);
    }

    [Fact]
    public async Task A_failed_git_answer_reaches_its_readers_with_the_failure_and_is_not_stored()
    {
        var generation = new SteppedGeneration();
        using var output = new MemoryStream();
        var serving = _cache.ServeAsync(generation.Request("k3"), output, null, Ct);
        await generation.Started.Task.WaitAsync(Deadline, Ct);
        generation.Finish(exitCode: 128);

        var answer = await serving.WaitAsync(Deadline, Ct);
        Assert.Equal(128, answer.Failure?.ExitCode);
        Assert.False(answer.WroteOutput);
        Assert.Empty(Directory.EnumerateFiles(_cache.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_answer_made_while_the_repository_changed_is_sent_but_not_stored()
    {
        var generation = new SteppedGeneration { StateUnchanged = false };
        using var output = new MemoryStream();
        var serving = _cache.ServeAsync(generation.Request("k4"), output, null, Ct);
        await generation.Started.Task.WaitAsync(Deadline, Ct);
        await generation.WriteAsync("refs as they were");
        generation.Finish(exitCode: 0);

        var answer = await serving.WaitAsync(Deadline, Ct);
        Assert.Null(answer.Failure);
        Assert.Equal("refs as they were", Encoding.ASCII.GetString(output.ToArray()));
        Assert.Empty(Directory.EnumerateFiles(_cache.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_miss_without_a_turn_is_busy_and_a_stored_answer_needs_none()
    {
        var stored = new SteppedGeneration();
        var storing = _cache.ServeAsync(stored.Request("k5"), Stream.Null, null, Ct);
        await stored.Started.Task.WaitAsync(Deadline, Ct);
        await stored.WriteAsync("PACK");
        stored.Finish(exitCode: 0);
        await storing.WaitAsync(Deadline, Ct);

        using var turn = await _gate.TryEnterAsync(Ct);
        var other = new SteppedGeneration();
        var busy = await _cache.ServeAsync(other.Request("k6"), Stream.Null, null, Ct);
        using var output = new MemoryStream();
        var hit = await _cache.ServeAsync(other.Request("k5"), output, null, Ct);

        Assert.Equal(PackCacheSource.Busy, busy.Source);
        Assert.Equal(PackCacheSource.Stored, hit.Source);
        Assert.Equal("PACK", Encoding.ASCII.GetString(output.ToArray()));
        Assert.Equal(0, other.Runs);
    }

    [Fact]
    public async Task The_first_output_callback_runs_once_before_the_first_byte_and_not_for_an_empty_answer()
    {
        var generation = new SteppedGeneration();
        using var output = new MemoryStream();
        var calls = 0;
        var serving = _cache.ServeAsync(generation.Request("k7"), output, () =>
        {
            calls++;
            output.Write("preamble|"u8);
            return ValueTask.CompletedTask;
        }, Ct);
        await generation.Started.Task.WaitAsync(Deadline, Ct);
        await generation.WriteAsync("one");
        await generation.WriteAsync("two");
        generation.Finish(exitCode: 0);
        await serving.WaitAsync(Deadline, Ct);

        Assert.Equal("preamble|onetwo", Encoding.ASCII.GetString(output.ToArray()));
        Assert.Equal(1, calls);
    }

    /// <summary>A generation that writes and ends when the test says so, counting how often it was started.</summary>
    private sealed class SteppedGeneration
    {
        private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Stream? _sink;
        private int _runs;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool StateUnchanged { get; init; } = true;

        public int Runs => Volatile.Read(ref _runs);

        public PackCacheRequest Request(string key) => new(key, 1, GeneratesPack: true, GenerateAsync, () => StateUnchanged);

        public async Task WriteAsync(string text) => await _sink!.WriteAsync(Encoding.ASCII.GetBytes(text));

        public void Finish(int exitCode) => _exit.SetResult(exitCode);

        public void Kill() => _exit.SetException(new OperationCanceledException("killed"));

        private async Task<GitResult> GenerateAsync(Stream sink, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            _sink = sink;
            Started.SetResult();
            var exitCode = await _exit.Task;
            return new GitResult(exitCode, "", exitCode == 0 ? "" : "fatal: no such want", "git upload-pack");
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
