using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Builds.RequiredBuilds;

namespace GitHost.Server.Builds.RequiredBuilds;

/// <summary><c>/rest/required-builds/1.0/projects/{key}/repos/{slug}/condition[s]</c>: the required builds merge check's conditions.</summary>
internal static class RequiredBuildEndpoints
{
    private const string Repo = "/projects/{projectKey}/repos/{repositorySlug}";

    public static RouteGroupBuilder MapRequiredBuildEndpoints(this RouteGroupBuilder module)
    {
        module.MapGet(Repo + "/conditions", ListAsync);
        module.MapPost(Repo + "/condition", CreateAsync);
        module.MapPut(Repo + "/condition/{id:long}", UpdateAsync);
        module.MapDelete(Repo + "/condition/{id:long}", DeleteAsync);
        return module;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, RequiredBuildConditions conditions, string projectKey, string repositorySlug, int? start, int? limit)
    {
        var page = await conditions.ListAsync(http.GetPrincipal(), projectKey, repositorySlug, PageRequest.Create(start, limit), http.RequestAborted);
        return TypedResults.Ok(RestPage<RestRequiredBuildCondition>.From(page, RestRequiredBuildCondition.From));
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, RequiredBuildConditions conditions, string projectKey, string repositorySlug, RequiredBuildConditionRequest body) =>
        TypedResults.Ok(RestRequiredBuildCondition.From(
            await conditions.CreateAsync(http.GetPrincipal(), projectKey, repositorySlug, body.ToInput(), http.RequestAborted)));

    private static async Task<IResult> UpdateAsync(
        HttpContext http, RequiredBuildConditions conditions, string projectKey, string repositorySlug, long id, RequiredBuildConditionRequest body) =>
        TypedResults.Ok(RestRequiredBuildCondition.From(
            await conditions.UpdateAsync(http.GetPrincipal(), projectKey, repositorySlug, id, body.ToInput(), http.RequestAborted)));

    private static async Task<IResult> DeleteAsync(HttpContext http, RequiredBuildConditions conditions, string projectKey, string repositorySlug, long id)
    {
        await conditions.DeleteAsync(http.GetPrincipal(), projectKey, repositorySlug, id, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
