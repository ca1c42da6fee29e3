namespace GitHost.Server.Cluster;

/// <summary>
/// The body of <c>/status</c>. <see cref="State"/> is Bitbucket's (<c>RUNNING</c>, which load balancers
/// look for, or <c>ERROR</c>); the rest says which node answered and what it can reach
/// (<see cref="Redis"/> is left out on a single node).
/// </summary>
internal sealed record NodeStatus(string State, string Node, string NodeId, string Database, string SharedHome, string? Redis);
