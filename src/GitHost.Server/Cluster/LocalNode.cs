using System.Globalization;
using GitHost.Data.Cluster;
using GitHost.Server.Discovery;
using GitHost.Services.Cluster;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GitHost.Server.Cluster;

/// <summary>This node as <c>/rest/api/1.0/admin/cluster</c> and the node table describe it: where its HTTP listener is.</summary>
internal sealed class LocalNode(ClusterNode node, IServer server, TimeProvider time)
{
    private readonly long _startedDate = time.GetUtcNow().ToUnixTimeMilliseconds();

    public ClusterNode Node => node;

    public ClusterNodeEntity Describe()
    {
        var (address, port) = ListeningAddress();
        return new ClusterNodeEntity
        {
            Id = node.Id,
            Name = node.Name,
            Address = address,
            Port = port,
            BuildVersion = SystemEndpoints.CompatibleVersion,
            StartedDate = _startedDate,
            HeartbeatDate = _startedDate,
        };
    }

    private (string Address, int Port) ListeningAddress()
    {
        var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return (Environment.MachineName, 0);
        }

        // A wildcard listener says nothing about where the node is reachable: its host name does.
        var host = uri.Host is "0.0.0.0" or "[::]" or "localhost" ? Environment.MachineName : uri.Host;
        return (host.ToString(CultureInfo.InvariantCulture), uri.Port);
    }
}
