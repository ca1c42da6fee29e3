using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Repositories;
using GitHost.Server.Rest;
using GitHost.Services.SecretScanning;

namespace GitHost.Server.SecretScanning;

/// <summary>
/// Exempt repositories: <c>GET|POST /secret-scanning/exempt</c> (ADMIN) and
/// <c>GET|POST /projects/{key}/secret-scanning/exempt</c> (PROJECT_ADMIN) list pages of repositories and
/// exempt a list of <c>{projectKey, slug}</c> (204); <c>/projects/{key}/repos/{slug}/secret-scanning/exempt</c>
/// answers whether one is exempt (<c>true</c>/<c>false</c>), exempts it (PUT, deprecated in Bitbucket 8.6)
/// or lifts its exemption (DELETE).
/// </summary>
internal static class SecretScanningExemptEndpoints
{
    private const string Repo = "/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/exempt";

    public static RouteGroupBuilder MapSecretScanningExemptEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/secret-scanning/exempt", (HttpContext http, SecretScanningExemptions exemptions, RestMapper mapper, string? order, int? start, int? limit) =>
            ListAsync(http, exemptions, mapper, null, order, start, limit));
        api.MapPost("/secret-scanning/exempt", (HttpContext http, SecretScanningExemptions exemptions, List<RepositorySelector> body) =>
            BulkAsync(http, exemptions, null, body));
        api.MapGet("/projects/{projectKey}/secret-scanning/exempt",
            (HttpContext http, SecretScanningExemptions exemptions, RestMapper mapper, string projectKey, string? order, int? start, int? limit) =>
                ListAsync(http, exemptions, mapper, projectKey, order, start, limit));
        api.MapPost("/projects/{projectKey}/secret-scanning/exempt", (HttpContext http, SecretScanningExemptions exemptions, string projectKey, List<RepositorySelector> body) =>
            BulkAsync(http, exemptions, projectKey, body));
        api.MapGet(Repo, async (HttpContext http, SecretScanningExemptions exemptions, string projectKey, string repositorySlug) =>
            TypedResults.Ok(await exemptions.IsExemptAsync(http.GetPrincipal(), projectKey, repositorySlug, http.RequestAborted)));
        api.MapPut(Repo, async (HttpContext http, SecretScanningExemptions exemptions, string projectKey, string repositorySlug) =>
        {
            await exemptions.AddOneAsync(http.GetPrincipal(), projectKey, repositorySlug, http.RequestAborted);
            return TypedResults.NoContent();
        });
        api.MapDelete(Repo, async (HttpContext http, SecretScanningExemptions exemptions, string projectKey, string repositorySlug) =>
        {
            await exemptions.RemoveAsync(http.GetPrincipal(), projectKey, repositorySlug, http.RequestAborted);
            return TypedResults.NoContent();
        });
        return api;
    }

    private static async Task<RestPage<RestRepository>> ListAsync(
        HttpContext http, SecretScanningExemptions exemptions, RestMapper mapper, string? projectKey, string? order, int? start, int? limit)
    {
        var descending = QueryValues.Enum<SecretScanningOrder>(order, "order") == SecretScanningOrder.NameDesc;
        var principal = http.GetPrincipal();
        var page = await exemptions.ListAsync(principal, projectKey, descending, PageRequest.Create(start, limit), http.RequestAborted);
        return mapper.ToRestPage(page, principal);
    }

    private static async Task<IResult> BulkAsync(HttpContext http, SecretScanningExemptions exemptions, string? projectKey, List<RepositorySelector> body)
    {
        await exemptions.BulkAddAsync(http.GetPrincipal(), projectKey, body, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
