using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Content.Changes;

namespace GitHost.Server.Content.Changes;

/// <summary>
/// <c>commits/{commitId}/changes</c> and <c>changes</c> under
/// <c>/rest/api/1.0/projects/{projectKey}/repos/{slug}</c> (REPO_READ). The commit's list carries
/// <c>fromHash</c>/<c>toHash</c> around the page as Bitbucket's does; <c>changes</c> is a plain page.
/// </summary>
internal static class ChangeEndpoints
{
    private const string Repo = "/projects/{projectKey}/repos/{slug}";

    public static RouteGroupBuilder MapChangeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/commits/{commitId}/changes", CommitAsync);
        api.MapGet(Repo + "/changes", ChangesAsync);
        return api;
    }

    private static async Task<RestChangePage> CommitAsync(
        HttpContext http, ChangesService changes, LinkBuilder links, string projectKey, string slug, string commitId,
        string? since, int? start, int? limit)
    {
        var page = await changes.CommitAsync(http.GetPrincipal(), projectKey, slug, commitId, since, PageRequest.Create(start, limit), http.RequestAborted);
        var p = page.Page;
        return new RestChangePage(page.FromHash, page.ToHash, new Dictionary<string, object>(),
            p.Values.Count, p.Request.Limit, p.IsLastPage, p.Request.Start, p.NextPageStart, Values(page, links, projectKey, slug));
    }

    private static async Task<RestPage<RestChange>> ChangesAsync(
        HttpContext http, ChangesService changes, LinkBuilder links, string projectKey, string slug, string? since, string? until, int? start, int? limit)
    {
        var page = await changes.ChangesAsync(http.GetPrincipal(), projectKey, slug, since, until, PageRequest.Create(start, limit), http.RequestAborted);
        return Page(page, links, projectKey, slug);
    }

    private static RestPage<RestChange> Page(ChangePage page, LinkBuilder links, string projectKey, string slug)
    {
        var p = page.Page;
        return new RestPage<RestChange>(p.Values.Count, p.Request.Limit, p.IsLastPage, p.Request.Start, p.NextPageStart, Values(page, links, projectKey, slug));
    }

    /// <summary>Each change links to its file in the commit it was made in, as Bitbucket's do: <c>.../commits/{toHash}#{path}</c>.</summary>
    private static List<RestChange> Values(ChangePage page, LinkBuilder links, string projectKey, string slug)
    {
        var commit = $"/projects/{projectKey}/repos/{slug}/commits/{page.ToHash}#";
        return page.Page.Values.Select(c => RestChange.From(c, links.Self(commit + Uri.EscapeDataString(c.Path.ToString())))).ToList();
    }
}
