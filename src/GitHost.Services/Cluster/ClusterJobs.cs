using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Cluster;

/// <summary>
/// Decides which node runs a job that must run on one node at a time (the pipeline trigger, retention,
/// the lease watch). A job asks before each round; the answer costs a database statement only when
/// the lease needs renewing. On the embedded default every job is this node's and nothing is written.
/// <code>
/// if (await jobs.HoldsAsync(ClusterJobNames.PipelineTriggers, ct)) { await RunRoundAsync(ct); }
/// </code>
/// A round that outlives its lease may overlap another node's round, so the work itself must still
/// claim its rows with conditional writes; the lease only keeps nodes from all doing the same work.
/// </summary>
public sealed class ClusterJobs(ClusterNode node, IServiceScopeFactory scopes, IOptionsMonitor<ClusterOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _heldUntil = new(StringComparer.Ordinal);

    public async ValueTask<bool> HoldsAsync(string job, CancellationToken cancellationToken)
    {
        if (!node.IsClustered)
        {
            return true;
        }

        var lease = options.CurrentValue.NodeTimeout;
        var now = time.GetTimestamp();
        if (_heldUntil.TryGetValue(job, out var until) && time.GetElapsedTime(now, until) > lease * 2 / 3)
        {
            return true;
        }

        var held = await TakeAsync(job, lease, cancellationToken);
        if (held)
        {
            // Counted from before the statement, so this node stops trusting its lease before the database lets it lapse.
            _heldUntil[job] = now + (long)(lease.TotalSeconds * time.TimestampFrequency);
        }
        else
        {
            _heldUntil.TryRemove(job, out _);
        }

        return held;
    }

    /// <summary>
    /// For a job that runs every <paramref name="interval"/> on whichever node comes first: true once per
    /// interval in the whole cluster. The claim lapses a little before the interval ends, so that the
    /// node that ran last time is not skipped by its own claim when its timer fires again.
    /// </summary>
    public async ValueTask<bool> IsDueAsync(string job, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (!node.IsClustered)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClusterLeases>().TryClaimRunAsync(job, node.Id, interval * 0.9, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> while this node holds the lease <paramref name="name"/>, renewing it as
    /// the work goes on, and gives it up afterwards; false, without running, when another node holds it.
    /// The work's token is cancelled if the lease is lost (the database unreachable for a whole lease).
    /// On the embedded default the work simply runs.
    /// </summary>
    public async Task<bool> RunAloneAsync(string name, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (!node.IsClustered)
        {
            await work(cancellationToken);
            return true;
        }

        var lease = options.CurrentValue.NodeTimeout;
        if (!await TakeAsync(name, lease, cancellationToken))
        {
            return false;
        }

        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewWhileRunningAsync(name, lease, held);
        try
        {
            await work(held.Token);
        }
        finally
        {
            await held.CancelAsync();
            await renewal;
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ClusterLeases>().ReleaseAsync(name, node.Id, CancellationToken.None);
        }

        return true;
    }

    private async Task<bool> TakeAsync(string name, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClusterLeases>().TryTakeAsync(name, node.Id, lease, cancellationToken);
    }

    private async Task RenewWhileRunningAsync(string name, TimeSpan lease, CancellationTokenSource held)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, time, held.Token);
                if (!await TakeAsync(name, lease, held.Token))
                {
                    await held.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The work ended (or the node stops).
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // The database is gone: the lease will lapse, so the work must not go on as if it still held it.
            await held.CancelAsync();
        }
    }

    /// <summary>Gives up every lease on shutdown, so another node takes the jobs over at once.</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        _heldUntil.Clear();
        if (node.IsClustered)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ClusterLeases>().ReleaseAllAsync(node.Id, cancellationToken);
        }
    }
}
