using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Insights.RequiredReports;

namespace GitHost.Server.Insights.RequiredReports;

/// <summary>
/// <c>/rest/insights/1.0/projects/{key}/repos/{slug}/required-reports[/{id}]</c>, a GitHost
/// extension: Bitbucket configures its Code Insights merge check only in its web UI, so there is no
/// REST path to copy. Laid out like the required builds conditions.
/// </summary>
internal static class RequiredReportEndpoints
{
    private const string Reports = "/projects/{projectKey}/repos/{repositorySlug}/required-reports";

    public static RouteGroupBuilder MapRequiredReportEndpoints(this RouteGroupBuilder module)
    {
        module.MapGet(Reports, ListAsync);
        module.MapPost(Reports, CreateAsync);
        module.MapPut(Reports + "/{id:long}", UpdateAsync);
        module.MapDelete(Reports + "/{id:long}", DeleteAsync);
        return module;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, RequiredReportConditions conditions, string projectKey, string repositorySlug, int? start, int? limit)
    {
        var page = await conditions.ListAsync(http.GetPrincipal(), projectKey, repositorySlug, PageRequest.Create(start, limit), http.RequestAborted);
        return TypedResults.Ok(RestPage<RestRequiredReport>.From(page, RestRequiredReport.From));
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, RequiredReportConditions conditions, string projectKey, string repositorySlug, RequiredReportRequest body) =>
        TypedResults.Ok(RestRequiredReport.From(await conditions.CreateAsync(http.GetPrincipal(), projectKey, repositorySlug, body.ToInput(), http.RequestAborted)));

    private static async Task<IResult> UpdateAsync(
        HttpContext http, RequiredReportConditions conditions, string projectKey, string repositorySlug, long id, RequiredReportRequest body) =>
        TypedResults.Ok(RestRequiredReport.From(await conditions.UpdateAsync(http.GetPrincipal(), projectKey, repositorySlug, id, body.ToInput(), http.RequestAborted)));

    private static async Task<IResult> DeleteAsync(HttpContext http, RequiredReportConditions conditions, string projectKey, string repositorySlug, long id)
    {
        await conditions.DeleteAsync(http.GetPrincipal(), projectKey, repositorySlug, id, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
