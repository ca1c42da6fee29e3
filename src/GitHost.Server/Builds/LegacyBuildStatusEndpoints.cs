using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Builds;

namespace GitHost.Server.Builds;

/// <summary><c>/rest/build-status/1.0/commits/...</c>: the deprecated global API CI plugins still use.</summary>
internal static class LegacyBuildStatusEndpoints
{
    public static RouteGroupBuilder MapLegacyBuildStatusEndpoints(this RouteGroupBuilder module)
    {
        module.MapPost("/commits/stats", StatsAsync);
        module.MapGet("/commits/stats/{commitId}", StatsOfAsync);
        module.MapPost("/commits/{commitId}", PostAsync);
        module.MapGet("/commits/{commitId}", ListAsync);
        return module;
    }

    private static async Task<IResult> PostAsync(HttpContext http, LegacyBuildStatuses statuses, string commitId, BuildStatusRequest body)
    {
        await statuses.PostAsync(http.GetPrincipal(), commitId, body.ToInput(), http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestPage<RestLegacyBuildStatus>> ListAsync(
        HttpContext http, LegacyBuildStatuses statuses, string commitId, string? orderBy, int? start, int? limit)
    {
        var page = await statuses.ListAsync(http.GetPrincipal(), commitId, orderBy, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<RestLegacyBuildStatus>.From(page, RestLegacyBuildStatus.From);
    }

    /// <summary>A JSON array of commit ids → <c>{sha: stats}</c>; commits without builds are left out.</summary>
    private static async Task<IReadOnlyDictionary<string, RestBuildStats>> StatsAsync(HttpContext http, LegacyBuildStatuses statuses, IReadOnlyList<string?>? body)
    {
        var ids = body?.Select(id => id ?? throw GitHostException.Invalid("Commit ids cannot be null.", "commitIds")).ToList()
            ?? throw GitHostException.Invalid("Send a JSON array of commit ids.", "commitIds");
        var stats = await statuses.StatsAsync(http.GetPrincipal(), ids, http.RequestAborted);
        return stats.ToDictionary(s => s.Key, s => RestBuildStats.From(s.Value));
    }

    private static async Task<RestBuildStats> StatsOfAsync(HttpContext http, LegacyBuildStatuses statuses, string commitId)
    {
        var stats = await statuses.StatsAsync(http.GetPrincipal(), [commitId], http.RequestAborted);
        return RestBuildStats.From(stats.Values.SingleOrDefault() ?? BuildStats.None);
    }
}
