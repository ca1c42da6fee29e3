namespace GitHost.Data.Cluster;

/// <summary>
/// A server node as it last announced itself. Each node rewrites its row on a heartbeat; a node whose
/// heartbeat is older than the node timeout is no longer listed as part of the cluster.
/// </summary>
public sealed class ClusterNodeEntity
{
    /// <summary>Stable for one node name and data home, so a restarted node takes back its own row and leases.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Where the node's HTTP listener is, as it sees itself.</summary>
    public string Address { get; set; } = "";

    public int Port { get; set; }

    public string BuildVersion { get; set; } = "";

    /// <summary>Epoch ms.</summary>
    public long StartedDate { get; set; }

    /// <summary>Epoch ms of the last heartbeat.</summary>
    public long HeartbeatDate { get; set; }
}
