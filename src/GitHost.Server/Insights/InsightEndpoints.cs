using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Insights;

namespace GitHost.Server.Insights;

/// <summary>
/// <c>/rest/insights/1.0/projects/{key}/repos/{slug}/commits/{sha}</c>: <c>/reports[/{key}]</c>,
/// <c>/reports/{key}/annotations[/{externalId}]</c> and the commit's <c>/annotations</c>.
/// </summary>
internal static class InsightEndpoints
{
    private const string Commit = "/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}";
    private const string Report = Commit + "/reports/{key}";

    public static RouteGroupBuilder MapInsightEndpoints(this RouteGroupBuilder module)
    {
        module.MapGet(Commit + "/reports", ListAsync);
        module.MapPut(Report, PutAsync);
        module.MapGet(Report, GetAsync);
        module.MapDelete(Report, DeleteAsync);
        module.MapPost(Report + "/annotations", AddAnnotationsAsync);
        module.MapGet(Report + "/annotations", ReportAnnotationsAsync);
        module.MapDelete(Report + "/annotations", DeleteAnnotationsAsync);
        module.MapPut(Report + "/annotations/{externalId}", PutAnnotationAsync);
        module.MapGet(Commit + "/annotations", CommitAnnotationsAsync);
        return module;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, InsightReports reports, string projectKey, string repositorySlug, string commitId, int? start, int? limit)
    {
        var page = await reports.ListAsync(http.GetPrincipal(), projectKey, repositorySlug, commitId, PageRequest.Create(start, limit), http.RequestAborted);
        return TypedResults.Ok(RestPage<RestInsightReport>.From(page, RestInsightReport.From));
    }

    private static async Task<IResult> PutAsync(
        HttpContext http, InsightReports reports, string projectKey, string repositorySlug, string commitId, string key, InsightReportRequest body) =>
        TypedResults.Ok(RestInsightReport.From(
            await reports.PutAsync(http.GetPrincipal(), projectKey, repositorySlug, commitId, key, body.ToInput(), http.RequestAborted)));

    private static async Task<IResult> GetAsync(
        HttpContext http, InsightReports reports, string projectKey, string repositorySlug, string commitId, string key) =>
        TypedResults.Ok(RestInsightReport.From(await reports.GetAsync(http.GetPrincipal(), projectKey, repositorySlug, commitId, key, http.RequestAborted)));

    private static async Task<IResult> DeleteAsync(
        HttpContext http, InsightReports reports, string projectKey, string repositorySlug, string commitId, string key)
    {
        await reports.DeleteAsync(http.GetPrincipal(), projectKey, repositorySlug, commitId, key, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AddAnnotationsAsync(
        HttpContext http, InsightAnnotations annotations, string projectKey, string repositorySlug, string commitId, string key, InsightAnnotationsRequest body)
    {
        await annotations.AddAsync(http.GetPrincipal(), projectKey, repositorySlug, commitId, key, body.Annotations, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> PutAnnotationAsync(
        HttpContext http, InsightAnnotations annotations, string projectKey, string repositorySlug, string commitId, string key, string externalId,
        InsightAnnotationInput body)
    {
        await annotations.PutAsync(http.GetPrincipal(), projectKey, repositorySlug, commitId, key, externalId, body, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ReportAnnotationsAsync(
        HttpContext http, InsightAnnotations annotations, string projectKey, string repositorySlug, string commitId, string key) =>
        TypedResults.Ok(RestInsightAnnotations.From(
            await annotations.ForReportAsync(http.GetPrincipal(), projectKey, repositorySlug, commitId, key, http.RequestAborted)));

    private static async Task<IResult> DeleteAnnotationsAsync(
        HttpContext http, InsightAnnotations annotations, string projectKey, string repositorySlug, string commitId, string key, string[]? externalId)
    {
        await annotations.DeleteAsync(http.GetPrincipal(), projectKey, repositorySlug, commitId, key, externalId ?? [], http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CommitAnnotationsAsync(
        HttpContext http, InsightAnnotations annotations, string projectKey, string repositorySlug, string commitId,
        string[]? key, string[]? externalId, string[]? path, string[]? severity, string[]? type)
    {
        var filter = new AnnotationFilter(key ?? [], externalId ?? [], path ?? [], severity ?? [], type ?? []);
        return TypedResults.Ok(RestInsightAnnotations.From(
            await annotations.ForCommitAsync(http.GetPrincipal(), projectKey, repositorySlug, commitId, filter, http.RequestAborted)));
    }
}
