using GitHost.Server.Hosting;
using GitHost.Services.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GitHost.Server.Cluster;

/// <summary>
/// What <c>/status</c> reports: this node, and whether it can reach the database and write the shared
/// home (without either it cannot serve, and HAProxy should send clients elsewhere) and hear the other
/// nodes through Redis (without it the node still serves, bypassing its caches). Checked at most once a
/// second however often the load balancer asks; concurrent callers share one check.
/// </summary>
internal sealed class NodeHealth(ClusterNode node, IClusterBus bus, HealthCheckService checks, DataHome home, TimeProvider time)
{
    private const string Up = "UP";
    private const string Down = "DOWN";
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private Task<NodeStatus>? _last;
    private long _lastAt;

    public Task<NodeStatus> CurrentAsync()
    {
        lock (_gate)
        {
            if (_last is null || (_last.IsCompleted && time.GetElapsedTime(_lastAt) > Reuse))
            {
                _lastAt = time.GetTimestamp();
                _last = CheckAsync();
            }

            return _last;
        }
    }

    private async Task<NodeStatus> CheckAsync()
    {
        var database = await DatabaseAsync();
        var sharedHome = SharedHomeWritable();
        var redis = !node.IsClustered ? null : bus.Reliable ? Up : Down;
        var state = database == Up && sharedHome == Up ? "RUNNING" : "ERROR";
        return new NodeStatus(state, node.Name, node.Id, database, sharedHome, redis);
    }

    /// <summary>The same database check as <c>/health/ready</c>, bounded in time.</summary>
    private async Task<string> DatabaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(CheckTimeout);
            var report = await checks.CheckHealthAsync(check => check.Name == "database", timeout.Token);
            return report.Status == HealthStatus.Healthy ? Up : Down;
        }
        catch (OperationCanceledException)
        {
            return Down;
        }
    }

    private string SharedHomeWritable()
    {
        try
        {
            var folder = Path.Combine(home.Shared, "nodes");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, node.Id + ".alive"), time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            return Up;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Down;
        }
    }
}
