using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Comments;
using GitHost.Server.Content.Changes;
using GitHost.Server.Content.Commits;
using GitHost.Server.Content.Diff;
using GitHost.Server.Rest;
using GitHost.Services.Content.Diff;
using GitHost.Services.Markup;
using GitHost.Services.PullRequests.Diffs;

namespace GitHost.Server.PullRequests.Diffs;

/// <summary>
/// What a pull request changes, under <c>.../pull-requests/{id}</c> (REPO_READ): <c>diff[/{path}]</c>,
/// <c>diff-stats-summary[/{path}]</c>, <c>changes</c>, <c>commits</c>, <c>merge-base</c>, and the raw
/// <c>{id}.diff</c> and <c>{id}.patch</c> downloads.
/// </summary>
internal static class PullRequestDiffEndpoints
{
    public static RouteGroupBuilder MapPullRequestDiffEndpoints(this RouteGroupBuilder api)
    {
        // A catch-all also matches nothing, so diff/{path} serves the whole diff at .../diff too.
        api.MapGet(PullRequestEndpoints.One + "/diff/{**path}", DiffAsync).Produces<RestDiffs>();
        api.MapGet(PullRequestEndpoints.One + "/diff-stats-summary/{**path}", StatsAsync);
        api.MapGet(PullRequestEndpoints.One + "/changes", ChangesAsync);
        api.MapGet(PullRequestEndpoints.One + "/commits", CommitsAsync);
        api.MapGet(PullRequestEndpoints.One + "/merge-base", MergeBaseAsync);
        api.MapGet(PullRequestEndpoints.Collection + "/{pullRequestId:long}.diff", RawDiffAsync).Produces<string>(200, "text/plain");
        api.MapGet(PullRequestEndpoints.Collection + "/{pullRequestId:long}.patch", PatchAsync).Produces<string>(200, "text/plain");
        return api;
    }

    /// <summary>Comments come with the diff unless <c>withComments=false</c> (Bitbucket's default is true). Streamed: see <see cref="RestDiffResponse"/>.</summary>
    private static Task DiffAsync(
        HttpContext http, PullRequestDiffs diffs, RestMapper mapper, MarkupRenderer markup, string projectKey, string slug, long pullRequestId,
        string? path, string? sinceId, string? untilId, string? diffType)
    {
        var principal = http.GetPrincipal();
        var withComments = !http.Request.Query.ContainsKey("withComments") || QueryValues.Flag(http.Request, "withComments");
        var query = Query(http, path);
        var comments = new CommentRestMapping(mapper, markup);
        return RestDiffResponse.SendAsync(http, query, writer => diffs.StreamDiffAsync(
            principal, projectKey, slug, pullRequestId, sinceId, untilId, query, withComments, diffType,
            (target, placement) => writer.WithComments(placement, node => comments.ToRest(node, principal, target, withMarkup: false)),
            http.RequestAborted));
    }

    private static async Task<RestDiffStatsSummary> StatsAsync(
        HttpContext http, PullRequestDiffs diffs, string projectKey, string slug, long pullRequestId, string? path, string? sinceId, string? untilId)
    {
        var stats = await diffs.StatsAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, sinceId, untilId, Query(http, path), http.RequestAborted);
        return new RestDiffStatsSummary(stats.FilesChanged, stats.LinesAdded, stats.LinesRemoved);
    }

    /// <summary>ALL (the pull request's whole diff) or RANGE (sinceId/untilId); UNREVIEWED falls back to ALL as Bitbucket's does without review state.</summary>
    private static async Task<RestChangePage> ChangesAsync(
        HttpContext http, PullRequestDiffs diffs, LinkBuilder links, string projectKey, string slug, long pullRequestId,
        string? sinceId, string? untilId, int? start, int? limit)
    {
        var (page, isRange) = await diffs.ChangesAsync(
            http.GetPrincipal(), projectKey, slug, pullRequestId, sinceId, untilId, PageRequest.Create(start, limit), http.RequestAborted);
        var p = page.Page;
        var prefix = $"/projects/{projectKey}/repos/{slug}/pull-requests/{pullRequestId}/diff#";
        var values = p.Values.Select(c => RestChange.From(c, links.Self(prefix + Uri.EscapeDataString(c.Path.ToString())))).ToList();
        var properties = new Dictionary<string, object> { ["changeScope"] = isRange ? "RANGE" : "ALL" };
        return new RestChangePage(page.FromHash, page.ToHash, properties, p.Values.Count, p.Request.Limit, p.IsLastPage, p.Request.Start, p.NextPageStart, values);
    }

    private static async Task<RestCommitPage> CommitsAsync(
        HttpContext http, PullRequestDiffs diffs, CommitRestMapper mapper, string projectKey, string slug, long pullRequestId, int? start, int? limit)
    {
        var page = await diffs.CommitsAsync(
            http.GetPrincipal(), projectKey, slug, pullRequestId, QueryValues.Flag(http.Request, "withCounts"), PageRequest.Create(start, limit), http.RequestAborted);
        return await mapper.ToRestAsync(page, http.RequestAborted);
    }

    /// <summary>204 when source and target share no history, as Bitbucket answers.</summary>
    private static async Task<IResult> MergeBaseAsync(
        HttpContext http, PullRequestDiffs diffs, CommitRestMapper mapper, string projectKey, string slug, long pullRequestId)
    {
        var commit = await diffs.MergeBaseAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, http.RequestAborted);
        return commit is null ? Results.NoContent() : Results.Ok(await mapper.ToRestAsync(commit, http.RequestAborted));
    }

    private static async Task RawDiffAsync(HttpContext http, PullRequestDiffs diffs, string projectKey, string slug, long pullRequestId)
    {
        var query = Query(http, null);
        await StreamTextAsync(http, output => diffs.RawDiffAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, query, output, http.RequestAborted));
    }

    private static Task PatchAsync(HttpContext http, PullRequestDiffs diffs, string projectKey, string slug, long pullRequestId) =>
        StreamTextAsync(http, output => diffs.PatchAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, output, http.RequestAborted));

    /// <summary>
    /// Bytes as git prints them (file contents keep their own encoding, as in Bitbucket's raw diff).
    /// The pull request is found before the first byte is written, so a 404 still gets the error envelope.
    /// </summary>
    private static async Task StreamTextAsync(HttpContext http, Func<Stream, Task> write)
    {
        http.Response.ContentType = "text/plain; charset=UTF-8";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        await write(http.Response.Body);
    }

    private static DiffQuery Query(HttpContext http, string? path)
    {
        var query = http.Request.Query;
        return DiffQuery.Create(path, query["srcPath"].FirstOrDefault(), DiffQuery.ParseContextLines(query["contextLines"].FirstOrDefault()), query["whitespace"].FirstOrDefault());
    }
}

/// <summary>diff-stats-summary's body; Bitbucket's schema leaves its members undocumented, these are GitHost's.</summary>
public sealed record RestDiffStatsSummary(int FilesChanged, int LinesAdded, int LinesRemoved);
