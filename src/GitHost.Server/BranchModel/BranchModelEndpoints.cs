using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Content.Refs;
using GitHost.Server.Rest;
using GitHost.Services.BranchModel;

namespace GitHost.Server.BranchModel;

/// <summary>
/// The branching model under <c>/rest/branch-utils/1.0</c>: <c>.../repos/{slug}/branchmodel</c> (the
/// model in force, REPO_READ), <c>.../branchmodel/configuration</c> of a repository or a project (read
/// with read access; PUT and DELETE by an administrator of the scope), and
/// <c>.../branches/info/{commitId}</c>, the branches that contain a commit.
/// </summary>
internal static class BranchModelEndpoints
{
    private const string Project = "/projects/{projectKey}";
    private const string Repo = Project + "/repos/{repositorySlug}";

    public static RouteGroupBuilder MapBranchModelEndpoints(this RouteGroupBuilder module)
    {
        module.MapGet(Repo + "/branchmodel", EffectiveAsync);
        module.MapGet(Repo + "/branchmodel/configuration", async (HttpContext http, BranchingModels models, string projectKey, string repositorySlug) =>
            TypedResults.Ok(RestBranchModelConfiguration.From((await models.RepositoryAsync(http.GetPrincipal(), projectKey, repositorySlug, http.RequestAborted)).Document)));
        module.MapPut(Repo + "/branchmodel/configuration", async (HttpContext http, BranchingModels models, string projectKey, string repositorySlug, BranchModelInput body) =>
            TypedResults.Ok(RestBranchModelConfiguration.From(await models.SetRepositoryAsync(http.GetPrincipal(), projectKey, repositorySlug, body, http.RequestAborted))));
        module.MapDelete(Repo + "/branchmodel/configuration", async (HttpContext http, BranchingModels models, string projectKey, string repositorySlug) =>
        {
            await models.DeleteRepositoryAsync(http.GetPrincipal(), projectKey, repositorySlug, http.RequestAborted);
            return TypedResults.NoContent();
        });
        module.MapGet(Project + "/branchmodel/configuration", async (HttpContext http, BranchingModels models, string projectKey) =>
            TypedResults.Ok(RestBranchModelConfiguration.From(await models.ProjectAsync(http.GetPrincipal(), projectKey, http.RequestAborted))));
        module.MapPut(Project + "/branchmodel/configuration", async (HttpContext http, BranchingModels models, string projectKey, BranchModelInput body) =>
            TypedResults.Ok(RestBranchModelConfiguration.From(await models.SetProjectAsync(http.GetPrincipal(), projectKey, body, http.RequestAborted))));
        module.MapDelete(Project + "/branchmodel/configuration", async (HttpContext http, BranchingModels models, string projectKey) =>
        {
            await models.DeleteProjectAsync(http.GetPrincipal(), projectKey, http.RequestAborted);
            return TypedResults.NoContent();
        });
        module.MapGet(Repo + "/branches/info/{commitId}", async (HttpContext http, BranchesContaining branches, string projectKey, string repositorySlug, string commitId, int? start, int? limit) =>
        {
            var page = await branches.ListAsync(http.GetPrincipal(), projectKey, repositorySlug, commitId, PageRequest.Create(start, limit), http.RequestAborted);
            return TypedResults.Ok(RestPage<RestBranch>.From(page, b => b.ToRest()));
        });
        return module;
    }

    private static async Task<IResult> EffectiveAsync(HttpContext http, EffectiveBranchModel model, string projectKey, string repositorySlug)
    {
        var (development, production, document) = await model.GetAsync(http.GetPrincipal(), projectKey, repositorySlug, http.RequestAborted);
        return TypedResults.Ok(new RestBranchModel(
            development?.ToRest(),
            production?.ToRest(),
            document.Types.Where(t => t.Enabled).Select(t => new RestBranchModelType(t.Id, t.DisplayName, t.Prefix)).ToList()));
    }
}
