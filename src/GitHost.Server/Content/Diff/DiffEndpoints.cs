using GitHost.Server.Auth;
using GitHost.Server.PullRequests.Diffs;
using GitHost.Services.Content.Diff;

namespace GitHost.Server.Content.Diff;

/// <summary>
/// <c>diff</c> and <c>commits/{commitId}/diff</c> under
/// <c>/rest/api/1.0/projects/{projectKey}/repos/{slug}</c> (REPO_READ).
/// </summary>
internal static class DiffEndpoints
{
    private const string Repo = "/projects/{projectKey}/repos/{slug}";

    public static RouteGroupBuilder MapDiffEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/diff", (HttpContext http, DiffService diffs, string projectKey, string slug) => DiffAsync(http, diffs, projectKey, slug, null)).Produces<RestDiffs>();
        api.MapGet(Repo + "/diff/{**path}", DiffAsync).Produces<RestDiffs>();

        // Bitbucket's document has only diff/{path}; the catch-all also serves the whole commit at .../diff.
        api.MapGet(Repo + "/commits/{commitId}/diff/{**path}", CommitDiffAsync).Produces<RestDiffs>();
        api.MapGet(Repo + "/commits/{commitId}/diff-stats-summary/{**path}", CommitStatsAsync);
        return api;
    }

    private static Task DiffAsync(HttpContext http, DiffService diffs, string projectKey, string slug, string? path)
    {
        var query = http.Request.Query;

        // Bitbucket names the range since/until here; from/to are accepted as aliases.
        var since = query["since"].FirstOrDefault() ?? query["from"].FirstOrDefault();
        var until = query["until"].FirstOrDefault() ?? query["to"].FirstOrDefault();
        var diffQuery = Query(http, path);
        return RestDiffResponse.SendAsync(http, diffQuery, writer => diffs.DiffAsync(http.GetPrincipal(), projectKey, slug, since, until, diffQuery, writer, http.RequestAborted));
    }

    private static Task CommitDiffAsync(HttpContext http, DiffService diffs, string projectKey, string slug, string commitId, string? path, string? since)
    {
        var query = http.Request.Query;
        var diffQuery = DiffQuery.Create(path, query["srcPath"].FirstOrDefault(), DiffQuery.ParseContextLines(query["contextLines"].FirstOrDefault()), query["whitespace"].FirstOrDefault());
        return RestDiffResponse.SendAsync(http, diffQuery, writer => diffs.CommitAsync(http.GetPrincipal(), projectKey, slug, commitId, since, diffQuery, writer, http.RequestAborted));
    }

    private static async Task<RestDiffStatsSummary> CommitStatsAsync(
        HttpContext http, DiffService diffs, string projectKey, string slug, string commitId, string? path, string? since)
    {
        var query = http.Request.Query;
        var diffQuery = DiffQuery.Create(path, query["srcPath"].FirstOrDefault(), null, query["whitespace"].FirstOrDefault());
        var stats = await diffs.CommitStatsAsync(http.GetPrincipal(), projectKey, slug, commitId, since, diffQuery, http.RequestAborted);
        return new RestDiffStatsSummary(stats.FilesChanged, stats.LinesAdded, stats.LinesRemoved);
    }

    private static DiffQuery Query(HttpContext http, string? path)
    {
        var query = http.Request.Query;
        var context = DiffQuery.ParseContextLines(query["contextLines"].FirstOrDefault());
        return DiffQuery.Create(path, query["srcPath"].FirstOrDefault(), context, query["whitespace"].FirstOrDefault());
    }
}
