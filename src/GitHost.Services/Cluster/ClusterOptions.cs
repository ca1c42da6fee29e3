namespace GitHost.Services.Cluster;

/// <summary>
/// <c>GitHost:Cluster</c>: how this node names itself and how quickly the others notice it is gone.
/// A cluster forms when <see cref="RedisOptions.Configuration"/> is set; without it these timings do not matter.
/// </summary>
public sealed class ClusterOptions
{
    public const string SectionName = "GitHost:Cluster";

    /// <summary>This node's name in logs, leases and <c>/rest/api/1.0/admin/cluster</c>; the host name when empty.</summary>
    public string? NodeName { get; set; }

    /// <summary>How often a node rewrites its row and renews the leases it holds.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A node silent this long is no longer listed, and the jobs it held may be taken by another node.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string EffectiveNodeName => string.IsNullOrWhiteSpace(NodeName) ? Environment.MachineName : NodeName.Trim();
}
