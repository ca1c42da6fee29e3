namespace GitHost.Server.Cluster;

internal sealed record RestClusterNodeAddress(string Address, int Port);
