using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.SecretScanning;

namespace GitHost.Server.SecretScanning;

/// <summary>
/// <c>/rest/api/1.0[/projects/{key}[/repos/{slug}]]/secret-scanning/rules</c> and, at project and
/// repository level, <c>.../secret-scanning/allowlist</c> (Bitbucket has no global allowlist):
/// search (paged, <c>filter</c> on the name, <c>order</c> NAME_ASC|NAME_DESC), create (200 with the
/// rule), get, edit, delete (204).
/// </summary>
internal static class SecretScanningRuleEndpoints
{
    private const string Project = "/projects/{projectKey}";
    private const string Repo = Project + "/repos/{repositorySlug}";

    public static RouteGroupBuilder MapSecretScanningRuleEndpoints(this RouteGroupBuilder api)
    {
        Map(api, "/secret-scanning/rules", allowlist: false);
        Map(api, Project + "/secret-scanning/rules", allowlist: false);
        Map(api, Repo + "/secret-scanning/rules", allowlist: false);
        Map(api, Project + "/secret-scanning/allowlist", allowlist: true);
        Map(api, Repo + "/secret-scanning/allowlist", allowlist: true);
        return api;
    }

    private static void Map(RouteGroupBuilder api, string path, bool allowlist)
    {
        api.MapGet(path, (HttpContext http, SecretScanningRules rules, string? filter, string? order, int? start, int? limit) =>
            SearchAsync(http, rules, allowlist, filter, order, start, limit));
        api.MapPost(path, async (HttpContext http, SecretScanningRules rules, RestSecretScanningRuleSetRequest body) =>
            ToRest(await rules.CreateAsync(http.GetPrincipal(), Key(http), Slug(http), allowlist, body.ToInput(), http.RequestAborted), allowlist));
        api.MapGet(path + "/{id:long}", async (HttpContext http, SecretScanningRules rules, long id) =>
            ToRest(await rules.GetAsync(http.GetPrincipal(), Key(http), Slug(http), allowlist, id, http.RequestAborted), allowlist));
        api.MapPut(path + "/{id:long}", async (HttpContext http, SecretScanningRules rules, long id, RestSecretScanningRuleSetRequest body) =>
            ToRest(await rules.UpdateAsync(http.GetPrincipal(), Key(http), Slug(http), allowlist, id, body.ToInput(), http.RequestAborted), allowlist));
        api.MapDelete(path + "/{id:long}", async (HttpContext http, SecretScanningRules rules, long id) =>
        {
            await rules.DeleteAsync(http.GetPrincipal(), Key(http), Slug(http), allowlist, id, http.RequestAborted);
            return TypedResults.NoContent();
        });
    }

    private static async Task<IResult> SearchAsync(
        HttpContext http, SecretScanningRules rules, bool allowlist, string? filter, string? order, int? start, int? limit)
    {
        var descending = QueryValues.Enum<SecretScanningOrder>(order, "order") == SecretScanningOrder.NameDesc;
        var page = await rules.SearchAsync(http.GetPrincipal(), Key(http), Slug(http), allowlist, filter, descending, PageRequest.Create(start, limit), http.RequestAborted);
        return allowlist
            ? TypedResults.Ok(RestPage<RestSecretScanningAllowlistRule>.From(page, RestSecretScanningAllowlistRule.From))
            : TypedResults.Ok(RestPage<RestSecretScanningRule>.From(page, RestSecretScanningRule.From));
    }

    private static IResult ToRest(GitHost.Data.SecretScanning.SecretScanningRuleEntity rule, bool allowlist) =>
        allowlist ? TypedResults.Ok(RestSecretScanningAllowlistRule.From(rule)) : TypedResults.Ok(RestSecretScanningRule.From(rule));

    private static string? Key(HttpContext http) => http.Request.RouteValues["projectKey"] as string;

    private static string? Slug(HttpContext http) => http.Request.RouteValues["repositorySlug"] as string;
}
