using GitHost.Services.Cluster;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Cluster;

/// <summary>
/// Keeps this node's row in the node table fresh while it runs, and on a clean shutdown removes it
/// and gives up its leases, so the other nodes take its jobs over without waiting for them to lapse.
/// Runs only in a cluster.
/// </summary>
internal sealed partial class ClusterHeartbeat(
    LocalNode local, ClusterJobs jobs, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IOptionsMonitor<ClusterOptions> options,
    TimeProvider time, ILogger<ClusterHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!local.Node.IsClustered)
        {
            return;
        }

        // The listening address is known once the server has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var self = local.Describe();
        Log.Joined(logger, self.Name, self.Id, self.Address, self.Port);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ClusterNodeDirectory>().BeatAsync(local.Describe(), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.BeatFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.CurrentValue.HeartbeatInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!local.Node.IsClustered)
        {
            return;
        }

        try
        {
            await jobs.ReleaseAllAsync(cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ClusterNodeDirectory>().LeaveAsync(local.Node.Id, cancellationToken);
            Log.Left(logger, local.Node.Name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The others notice by the missing heartbeat and the lapsing leases instead.
            Log.LeaveFailed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9010, Level = LogLevel.Information, Message = "Node {Name} ({Id}) joined the cluster at {Address}:{Port}")]
        public static partial void Joined(ILogger logger, string name, string id, string address, int port);

        [LoggerMessage(EventId = 9011, Level = LogLevel.Warning, Message = "The node's heartbeat could not be written; other nodes will take over its jobs if this lasts")]
        public static partial void BeatFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 9012, Level = LogLevel.Information, Message = "Node {Name} left the cluster and released its leases")]
        public static partial void Left(ILogger logger, string name);

        [LoggerMessage(EventId = 9013, Level = LogLevel.Warning, Message = "The node could not release its leases on shutdown; they lapse on their own")]
        public static partial void LeaveFailed(ILogger logger, Exception exception);
    }
}
