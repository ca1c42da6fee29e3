using System.Security.Cryptography;
using System.Text;

namespace GitHost.Services.Cluster;

/// <summary>
/// This server in the cluster. <see cref="Id"/> is derived from the node name and the data home, so it
/// is stable across restarts: a node killed and started again takes back its own leases at once
/// instead of waiting for them to lapse. <see cref="IsClustered"/> is false on the embedded default.
/// </summary>
public sealed record ClusterNode(string Id, string Name, bool IsClustered)
{
    public static ClusterNode For(string name, string dataHome, bool isClustered) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + dataHome)))[..32], name, isClustered);
}
