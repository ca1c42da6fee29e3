using System.Data.Common;
using GitHost.Services.Cluster;
using GitHost.Services.Git;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Server.GitHooks;

/// <summary>
/// Records the pushes whose post-receive never ran: git moved their refs, then the node died (or the hook
/// call failed) before the push's event was written. Every node settles its own ended pushes (after a
/// restart, those of its previous life); one node settles those of nodes that stopped beating. Each is
/// checked against the refs on disk and recorded once, by the same code as a post-receive.
/// </summary>
internal sealed partial class PushRecovery(
    IServiceScopeFactory scopes, PushSessions sessions, ClusterNode node, ClusterJobs jobs, IOptionsMonitor<ClusterOptions> cluster,
    TimeProvider time, ILogger<PushRecovery> logger)
    : BackgroundService
{
    /// <summary>How often to look; a dead node's pushes wait for its node timeout on top of this.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RecoverAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                Log.RoundFailed(logger, e);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round; returns how many pushes it settled (recorded or found not landed).</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        List<Data.Pushes.PendingPushEntity> orphans;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var pending = scope.ServiceProvider.GetRequiredService<PendingPushes>();
            orphans = await pending.EndedOnThisNodeAsync(sessions, cancellationToken);
            if (node.IsClustered && await jobs.HoldsAsync(ClusterJobNames.PushRecovery, cancellationToken))
            {
                var live = await scope.ServiceProvider.GetRequiredService<ClusterNodeDirectory>().LiveAsync(cancellationToken);
                orphans.AddRange(await pending.OfOtherNodesAsync(live.Select(n => n.Id).ToList(), cluster.CurrentValue.NodeTimeout, cancellationToken));
            }
        }

        var settled = 0;
        foreach (var orphan in orphans)
        {
            try
            {
                settled += await SettleAsync(orphan, cancellationToken) ? 1 : 0;
            }
            catch (Exception e) when (e is DbException or DbUpdateException or IOException or LibGit2Sharp.LibGit2SharpException)
            {
                // Left in place: the next round tries again.
                Log.PushFailed(logger, orphan.PushId[..12], orphan.RepositoryId, e);
            }
        }

        return settled;
    }

    private async Task<bool> SettleAsync(Data.Pushes.PendingPushEntity orphan, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var pending = services.GetRequiredService<PendingPushes>();
        var pushId = orphan.PushId[..12];
        PushSession session;
        IReadOnlyList<RefUpdate> updates;
        try
        {
            (session, updates) = PendingPushes.Read(orphan);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            Log.Unreadable(logger, pushId, orphan.RepositoryId, e.Message);
            return await pending.TakeAsync(orphan.PushId, cancellationToken);
        }

        if (await services.GetRequiredService<PushTargets>().LoadAsync(session, cancellationToken) is not { } target)
        {
            return await pending.TakeAsync(orphan.PushId, cancellationToken);
        }

        var landed = services.GetRequiredService<LandedRefUpdates>().Of(session.RepositoryId, updates);
        if (landed.Count == 0)
        {
            Log.NotLanded(logger, pushId, session.RepositoryId, updates.Count);
            return await pending.TakeAsync(orphan.PushId, cancellationToken);
        }

        await services.GetRequiredService<PostReceive>().RunAsync(target, landed, cancellationToken);
        Log.Recovered(logger, pushId, session.RepositoryId, landed.Count, updates.Count, orphan.NodeId == node.Id ? "this node" : orphan.NodeId);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3110, Level = LogLevel.Warning,
            Message = "Push {PushId} to {RepositoryId} ended without its post-receive; {LandedCount} of {RefCount} ref updates landed and are now recorded (push ran on {Node})")]
        public static partial void Recovered(ILogger logger, string pushId, long repositoryId, int landedCount, int refCount, string node);

        [LoggerMessage(EventId = 3111, Level = LogLevel.Information,
            Message = "Push {PushId} to {RepositoryId} ended without its post-receive and none of its {RefCount} ref updates landed")]
        public static partial void NotLanded(ILogger logger, string pushId, long repositoryId, int refCount);

        [LoggerMessage(EventId = 3112, Level = LogLevel.Error, Message = "Pending push {PushId} to {RepositoryId} cannot be read and is dropped: {Reason}")]
        public static partial void Unreadable(ILogger logger, string pushId, long repositoryId, string reason);

        [LoggerMessage(EventId = 3113, Level = LogLevel.Warning, Message = "Recovering push {PushId} to {RepositoryId} failed; next round tries again")]
        public static partial void PushFailed(ILogger logger, string pushId, long repositoryId, Exception exception);

        [LoggerMessage(EventId = 3114, Level = LogLevel.Warning, Message = "A round of push recovery failed")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
