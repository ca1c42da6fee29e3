using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Server.Auth;
using GitHost.Services.Cluster;
using GitHost.Services.Permissions;

namespace GitHost.Server.Cluster;

/// <summary><c>GET /rest/api/1.0/admin/cluster</c> (SYS_ADMIN): the nodes that make up the cluster, in Bitbucket's shape.</summary>
internal static class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/cluster", InformationAsync);
        return api;
    }

    private static async Task<RestClusterInformation> InformationAsync(
        HttpContext http, PermissionService permissions, LocalNode local, ClusterNodeDirectory directory)
    {
        var principal = http.GetPrincipal();
        if (await permissions.GlobalLevelAsync(principal, http.RequestAborted) < Permission.SysAdmin)
        {
            throw principal.IsAuthenticated ? GitHostException.NotPermitted() : GitHostException.AuthenticationRequired();
        }

        var self = local.Describe();
        var nodes = local.Node.IsClustered ? await directory.LiveAsync(http.RequestAborted) : [];
        if (nodes.All(n => n.Id != self.Id))
        {
            // Just started (no heartbeat yet) or a single node: it is part of the cluster all the same.
            nodes.Add(self);
        }

        return new RestClusterInformation(
            RestClusterNode.From(self, local: true),
            [.. nodes.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => RestClusterNode.From(n, n.Id == self.Id))],
            Running: true);
    }
}
