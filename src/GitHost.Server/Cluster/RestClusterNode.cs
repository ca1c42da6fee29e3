using GitHost.Data.Cluster;

namespace GitHost.Server.Cluster;

/// <summary>Bitbucket's <c>RestClusterNode</c>.</summary>
internal sealed record RestClusterNode(RestClusterNodeAddress Address, string BuildVersion, string Id, bool Local, string Name)
{
    public static RestClusterNode From(ClusterNodeEntity node, bool local) =>
        new(new RestClusterNodeAddress(node.Address, node.Port), node.BuildVersion, node.Id, local, node.Name);
}
