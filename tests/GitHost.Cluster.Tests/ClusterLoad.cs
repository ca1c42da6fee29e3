using System.Collections.Concurrent;
using System.Diagnostics;
using GitHost.Testing;

namespace GitHost.Cluster.Tests;

/// <summary>
/// Clients working through HAProxy the way real ones do, each retrying what failed: pushers (each on
/// its own branch), cloners and REST readers. Records what was accepted and when each client last
/// had to wait, so a test can check that nothing accepted was lost and how long a failover cost.
/// </summary>
internal sealed class ClusterLoad(LocalCluster cluster, string key, string slug) : IDisposable
{
    private static readonly TimeSpan OperationLimit = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string Client, long Started, long Ended, bool Succeeded)> _operations = new();
    private readonly List<GitWorkTree> _trees = [];
    private int _clones;
    private int _reads;

    /// <summary>Every push a client was told succeeded; <c>Retried</c> when an earlier attempt of the same commit had failed.</summary>
    public ConcurrentQueue<(string Branch, string Commit, bool Retried)> AcceptedPushes { get; } = new();

    public int Clones => Volatile.Read(ref _clones);

    public int Reads => Volatile.Read(ref _reads);

    public Task Start(int pushers, int cloners, int readers, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, cancellationToken).Token;
        var clients = Enumerable.Range(1, pushers).Select(i => UntilStoppedAsync(PushLoopAsync($"load-{i}", stop), stop))
            .Concat(Enumerable.Range(1, cloners).Select(i => UntilStoppedAsync(CloneLoopAsync($"cloner-{i}", stop), stop)))
            .Concat(Enumerable.Range(1, readers).Select(i => UntilStoppedAsync(ReadLoopAsync($"reader-{i}", stop), stop)));
        return Task.WhenAll(clients);
    }

    private static async Task UntilStoppedAsync(Task client, CancellationToken stop)
    {
        try
        {
            await client;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped in the middle of a commit or a pause: the end of the load, not a failure.
        }
    }

    public async Task WaitForPushesAsync(int count, TimeSpan limit, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (AcceptedPushes.Count < count)
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Only {AcceptedPushes.Count} of {count} pushes were accepted within {limit}; failures: {Failures()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public Task StopAsync() => _stop.CancelAsync();

    /// <summary>The longest any client went, after <paramref name="killedAt"/>, without a success (until its first success).</summary>
    public TimeSpan LongestOutageAfter(long killedAt)
    {
        var longest = TimeSpan.Zero;
        foreach (var client in _operations.GroupBy(o => o.Client))
        {
            var firstSuccess = client.Where(o => o.Succeeded && o.Started >= killedAt).Select(o => o.Ended).DefaultIfEmpty(long.MaxValue).Min();
            var outage = firstSuccess == long.MaxValue ? TimeSpan.MaxValue : Stopwatch.GetElapsedTime(killedAt, firstSuccess);
            longest = outage > longest ? outage : longest;
        }

        return longest;
    }

    public IEnumerable<(string Branch, string Commit)> LastAcceptedPerBranch() =>
        AcceptedPushes.GroupBy(p => p.Branch).Select(g => (g.Key, g.Last().Commit));

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        foreach (var tree in _trees)
        {
            tree.Dispose();
        }
    }

    private string Failures() => string.Join("; ", _operations.Where(o => !o.Succeeded).GroupBy(o => o.Client).Select(g => $"{g.Key}: {g.Count()}"));

    private async Task PushLoopAsync(string branch, CancellationToken stop)
    {
        var tree = await GitWorkTree.InitAsync(stop);
        lock (_trees)
        {
            _trees.Add(tree);
        }

        var url = LocalCluster.CloneUrl(cluster.Proxy, key, slug);
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            await tree.WriteAsync("counter.txt", $"{branch} {n}\n");
            var commit = await tree.CommitAsync($"{branch} push {n}", stop);
            // The same commit again until a push of it is accepted: a retry of a push that did land is "up to date".
            for (var retried = false; !stop.IsCancellationRequested; retried = true)
            {
                if (await RunAsync(branch, ct => GitCli.RunAsync(tree.Path, ["push", "--quiet", url, $"HEAD:refs/heads/{branch}"], ct), stop))
                {
                    AcceptedPushes.Enqueue((branch, commit, retried));
                    break;
                }
            }
        }
    }

    private async Task CloneLoopAsync(string name, CancellationToken stop)
    {
        var url = LocalCluster.CloneUrl(cluster.Proxy, key, slug);
        while (!stop.IsCancellationRequested)
        {
            var target = Path.Combine(Path.GetTempPath(), "githost-cluster-load-" + Guid.NewGuid().ToString("N"));
            try
            {
                if (await RunAsync(name, ct => GitCli.RunAsync(Path.GetTempPath(), ["clone", "--quiet", "--no-checkout", url, target], ct), stop))
                {
                    Interlocked.Increment(ref _clones);
                }
            }
            finally
            {
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }
            }
        }
    }

    private async Task ReadLoopAsync(string name, CancellationToken stop)
    {
        using var client = cluster.Client(cluster.Proxy);
        while (!stop.IsCancellationRequested)
        {
            if (await RunAsync(name, async ct =>
                {
                    using var response = await client.GetAsync($"{ClusterApi.Api}/projects/{key}/repos/{slug}/branches", ct);
                    return new GitRun(response.IsSuccessStatusCode ? 0 : (int)response.StatusCode, "", "");
                }, stop))
            {
                Interlocked.Increment(ref _reads);
            }
        }
    }

    /// <summary>One attempt, bounded in time; records it and says whether it succeeded. A failure is followed by a short pause.</summary>
    private async Task<bool> RunAsync(string client, Func<CancellationToken, Task<GitRun>> attempt, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        limit.CancelAfter(OperationLimit);
        bool succeeded;
        try
        {
            succeeded = (await attempt(limit.Token)).ExitCode == 0;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            succeeded = false;
        }

        if (stop.IsCancellationRequested)
        {
            return false;
        }

        _operations.Enqueue((client, started, Stopwatch.GetTimestamp(), succeeded));
        if (!succeeded)
        {
            await Task.Delay(100, CancellationToken.None);
        }

        return succeeded;
    }
}
