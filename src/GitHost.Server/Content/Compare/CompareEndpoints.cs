using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Content.Changes;
using GitHost.Server.Content.Commits;
using GitHost.Server.Content.Diff;
using GitHost.Server.PullRequests.Diffs;
using GitHost.Server.Rest;
using GitHost.Services.Content.Compare;
using GitHost.Services.Content.Diff;

namespace GitHost.Server.Content.Compare;

/// <summary>
/// <c>compare/commits</c>, <c>compare/changes</c>, <c>compare/diff[/{path}]</c> and
/// <c>compare/diff-stats-summary[/{path}]</c> under <c>/rest/api/1.0/projects/{projectKey}/repos/{slug}</c>
/// (REPO_READ on this repository, and on <c>fromRepo</c> when given).
/// </summary>
internal static class CompareEndpoints
{
    private const string Repo = "/projects/{projectKey}/repos/{slug}/compare";

    public static RouteGroupBuilder MapCompareEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/commits", CommitsAsync);
        api.MapGet(Repo + "/changes", ChangesAsync);

        api.MapGet(Repo + "/diff", (HttpContext http, RepositoryCompare compare, string projectKey, string slug) => DiffAsync(http, compare, projectKey, slug, null)).Produces<RestDiffs>();
        api.MapGet(Repo + "/diff/{**path}", DiffAsync).Produces<RestDiffs>();

        // Bitbucket writes diff-stats-summary{path}; a catch-all also matches nothing, so it serves .../diff-stats-summary too.
        api.MapGet(Repo + "/diff-stats-summary/{**path}", StatsAsync);
        return api;
    }

    private static async Task<RestPage<RestCommit>> CommitsAsync(
        HttpContext http, RepositoryCompare compare, CommitRestMapper mapper, string projectKey, string slug, int? start, int? limit)
    {
        var page = await compare.CommitsAsync(http.GetPrincipal(), Request(http, projectKey, slug), PageRequest.Create(start, limit), http.RequestAborted);
        return await mapper.ToRestAsync(page, http.RequestAborted);
    }

    private static async Task<RestPage<RestChange>> ChangesAsync(
        HttpContext http, RepositoryCompare compare, LinkBuilder links, string projectKey, string slug, int? start, int? limit)
    {
        var page = await compare.ChangesAsync(http.GetPrincipal(), Request(http, projectKey, slug), PageRequest.Create(start, limit), http.RequestAborted);
        var p = page.Page;

        // Each change links to its file in the commit it was made in, as Bitbucket's do: .../commits/{toHash}#{path}.
        var commit = $"/projects/{projectKey}/repos/{slug}/commits/{page.ToHash}#";
        var values = p.Values.Select(c => RestChange.From(c, links.Self(commit + Uri.EscapeDataString(c.Path.ToString())))).ToList();
        return new RestPage<RestChange>(p.Values.Count, p.Request.Limit, p.IsLastPage, p.Request.Start, p.NextPageStart, values);
    }

    private static Task DiffAsync(HttpContext http, RepositoryCompare compare, string projectKey, string slug, string? path)
    {
        var query = Query(http, path, true);
        return RestDiffResponse.SendAsync(http, query, writer => compare.DiffAsync(http.GetPrincipal(), Request(http, projectKey, slug), query, writer, http.RequestAborted));
    }

    private static async Task<RestDiffStatsSummary> StatsAsync(HttpContext http, RepositoryCompare compare, string projectKey, string slug, string? path)
    {
        var stats = await compare.StatsAsync(http.GetPrincipal(), Request(http, projectKey, slug), Query(http, path, false), http.RequestAborted);
        return new RestDiffStatsSummary(stats.FilesChanged, stats.LinesAdded, stats.LinesRemoved);
    }

    private static CompareRequest Request(HttpContext http, string projectKey, string slug)
    {
        var query = http.Request.Query;
        return new CompareRequest(projectKey, slug, query["from"].FirstOrDefault(), query["to"].FirstOrDefault(), query["fromRepo"].FirstOrDefault());
    }

    private static DiffQuery Query(HttpContext http, string? path, bool withContext)
    {
        var query = http.Request.Query;
        var context = withContext ? DiffQuery.ParseContextLines(query["contextLines"].FirstOrDefault()) : null;
        return DiffQuery.Create(path, query["srcPath"].FirstOrDefault(), context, query["whitespace"].FirstOrDefault());
    }
}
