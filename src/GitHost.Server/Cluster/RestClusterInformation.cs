namespace GitHost.Server.Cluster;

/// <summary>Bitbucket's <c>RestClusterInformation</c>.</summary>
internal sealed record RestClusterInformation(RestClusterNode LocalNode, IReadOnlyList<RestClusterNode> Nodes, bool Running);
