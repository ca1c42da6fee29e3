using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.DefaultReviewers;

namespace GitHost.Server.DefaultReviewers;

/// <summary>
/// <c>/rest/default-reviewers/1.0/projects/{key}[/repos/{slug}]/condition[s]</c> (lists are plain
/// arrays, as in Bitbucket) and <c>.../repos/{slug}/reviewers</c>, the reviewers a new pull request would get.
/// </summary>
internal static class DefaultReviewerEndpoints
{
    private const string Project = "/projects/{projectKey}";
    private const string Repo = Project + "/repos/{repositorySlug}";

    public static RouteGroupBuilder MapDefaultReviewerEndpoints(this RouteGroupBuilder module)
    {
        module.MapGet(Project + "/conditions", (HttpContext http, DefaultReviewerConditions c, RestMapper m, string projectKey) => ListAsync(http, c, m, projectKey, null));
        module.MapPost(Project + "/condition", (HttpContext http, DefaultReviewerConditions c, RestMapper m, string projectKey, DefaultReviewersRequest body) =>
            CreateAsync(http, c, m, projectKey, null, body));
        module.MapPut(Project + "/condition/{id:long}", (HttpContext http, DefaultReviewerConditions c, RestMapper m, string projectKey, long id, DefaultReviewersRequest body) =>
            UpdateAsync(http, c, m, projectKey, null, id, body));
        module.MapDelete(Project + "/condition/{id:long}", (HttpContext http, DefaultReviewerConditions c, string projectKey, long id) => DeleteAsync(http, c, projectKey, null, id));
        module.MapGet(Repo + "/conditions", (HttpContext http, DefaultReviewerConditions c, RestMapper m, string projectKey, string repositorySlug) =>
            ListAsync(http, c, m, projectKey, repositorySlug));
        module.MapPost(Repo + "/condition", (HttpContext http, DefaultReviewerConditions c, RestMapper m, string projectKey, string repositorySlug, DefaultReviewersRequest body) =>
            CreateAsync(http, c, m, projectKey, repositorySlug, body));
        module.MapPut(Repo + "/condition/{id:long}", (HttpContext http, DefaultReviewerConditions c, RestMapper m, string projectKey, string repositorySlug, long id, DefaultReviewersRequest body) =>
            UpdateAsync(http, c, m, projectKey, repositorySlug, id, body));
        module.MapDelete(Repo + "/condition/{id:long}", (HttpContext http, DefaultReviewerConditions c, string projectKey, string repositorySlug, long id) =>
            DeleteAsync(http, c, projectKey, repositorySlug, id));
        module.MapGet(Repo + "/reviewers", ReviewersAsync);
        return module;
    }

    private static async Task<IResult> ListAsync(HttpContext http, DefaultReviewerConditions conditions, RestMapper mapper, string projectKey, string? slug)
    {
        var list = await conditions.ListAsync(http.GetPrincipal(), projectKey, slug, http.RequestAborted);
        return TypedResults.Ok(list.Select(c => RestPullRequestCondition.From(c, mapper)).ToList());
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, DefaultReviewerConditions conditions, RestMapper mapper, string projectKey, string? slug, DefaultReviewersRequest body) =>
        TypedResults.Ok(RestPullRequestCondition.From(await conditions.CreateAsync(http.GetPrincipal(), projectKey, slug, body.ToInput(), http.RequestAborted), mapper));

    private static async Task<IResult> UpdateAsync(
        HttpContext http, DefaultReviewerConditions conditions, RestMapper mapper, string projectKey, string? slug, long id, DefaultReviewersRequest body) =>
        TypedResults.Ok(RestPullRequestCondition.From(await conditions.UpdateAsync(http.GetPrincipal(), projectKey, slug, id, body.ToInput(), http.RequestAborted), mapper));

    private static async Task<IResult> DeleteAsync(HttpContext http, DefaultReviewerConditions conditions, string projectKey, string? slug, long id)
    {
        await conditions.DeleteAsync(http.GetPrincipal(), projectKey, slug, id, http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>A plain array of users, which is what Renovate reads (the OpenAPI document claims conditions).</summary>
    private static async Task<IResult> ReviewersAsync(
        HttpContext http, DefaultReviewerSelection selection, RestMapper mapper, string projectKey, string repositorySlug,
        long? sourceRepoId, long? targetRepoId, string? sourceRefId, string? targetRefId)
    {
        var users = await selection.PreviewAsync(
            http.GetPrincipal(), projectKey, repositorySlug, sourceRepoId, targetRepoId, sourceRefId, targetRefId, http.RequestAborted);
        return TypedResults.Ok(users.Select(mapper.User).ToList());
    }
}
