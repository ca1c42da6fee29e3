namespace GitHost.Server.Builds;

/// <summary>
/// <c>GET /rest/api/1.0/build/capabilities</c>: Atlassian's Jenkins plugin posts to the repository
/// builds API only when <c>richBuildStatus</c> is listed, and sends CANCELLED only with <c>cancelledStatus</c>.
/// </summary>
internal static class BuildCapabilityEndpoints
{
    public static RouteGroupBuilder MapBuildCapabilityEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/build/capabilities", () => TypedResults.Ok(new RestBuildCapabilities(["richBuildStatus", "cancelledStatus"])));
        return api;
    }
}

/// <summary>Bitbucket's <c>RestBuildCapabilities</c>.</summary>
internal sealed record RestBuildCapabilities(IReadOnlyList<string> BuildStatus);
