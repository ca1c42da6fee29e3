using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Content.Commits;

namespace GitHost.Server.Content.Commits;

/// <summary>
/// <c>.../repos/{slug}/commits</c>, <c>commits/{commitId}</c> and <c>commits/{commitId}/merge-base</c>; all REPO_READ.
/// A commit's changes are served with the other change lists (<c>Content/Changes</c>).
/// </summary>
internal static class CommitEndpoints
{
    private const string Repo = "/projects/{projectKey}/repos/{slug}";

    public static RouteGroupBuilder MapCommitEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/commits", ListAsync);
        api.MapGet(Repo + "/commits/{commitId}", GetAsync);
        api.MapGet(Repo + "/commits/{commitId}/merge-base", MergeBaseAsync);
        return api;
    }

    private static async Task<RestCommitPage> ListAsync(
        HttpContext http, CommitHistory history, CommitRestMapper mapper, string projectKey, string slug,
        string? until, string? since, string? path, string? merges, int? start, int? limit)
    {
        var query = new CommitQuery(
            until,
            since,
            path,
            QueryValues.Enum<MergeFilter>(merges, "merges") ?? MergeFilter.Include,
            QueryValues.Flag(http.Request, "followRenames"),
            QueryValues.Flag(http.Request, "ignoreMissing"),
            QueryValues.Flag(http.Request, "withCounts"));
        var page = await history.ListAsync(http.GetPrincipal(), projectKey, slug, query, PageRequest.Create(start, limit), http.RequestAborted);
        return await mapper.ToRestAsync(page, http.RequestAborted);
    }

    private static async Task<RestCommit> GetAsync(
        HttpContext http, CommitHistory history, CommitRestMapper mapper, string projectKey, string slug, string commitId, string? path)
    {
        var commit = await history.GetAsync(http.GetPrincipal(), projectKey, slug, commitId, path, http.RequestAborted);
        return await mapper.ToRestAsync(commit, http.RequestAborted);
    }

    /// <summary>The best common ancestor of <c>commitId</c> and <c>otherCommitId</c>; 204 when they share no history, as Bitbucket answers.</summary>
    private static async Task<IResult> MergeBaseAsync(
        HttpContext http, CommitHistory history, CommitRestMapper mapper, string projectKey, string slug, string commitId, string? otherCommitId, string? otherCommit)
    {
        // The document names it otherCommitId; otherCommit is accepted too, as older clients send it.
        var commit = await history.MergeBaseAsync(http.GetPrincipal(), projectKey, slug, commitId, otherCommitId ?? otherCommit, http.RequestAborted);
        return commit is null ? Results.NoContent() : Results.Ok(await mapper.ToRestAsync(commit, http.RequestAborted));
    }
}
