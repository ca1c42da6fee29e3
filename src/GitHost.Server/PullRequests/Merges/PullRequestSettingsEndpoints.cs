using System.Text.Json;
using GitHost.Server.Auth;
using GitHost.Services.PullRequests.Merges;

namespace GitHost.Server.PullRequests.Merges;

/// <summary>
/// <c>.../repos/{slug}/settings/pull-requests</c> and <c>/projects/{key}/settings/pull-requests/{scmId}</c>:
/// merge strategies and merge checks; a repository inherits what it does not set from its project.
/// <c>/admin/pull-requests/{scmId}</c> is the instance-wide merge configuration (a <c>RestPullRequestMergeConfig</c>)
/// that projects without their own inherit.
/// </summary>
internal static class PullRequestSettingsEndpoints
{
    private const string Repository = "/projects/{projectKey}/repos/{slug}/settings/pull-requests";
    private const string Project = "/projects/{projectKey}/settings/pull-requests/{scmId}";
    private const string Global = "/admin/pull-requests/{scmId}";

    public static RouteGroupBuilder MapPullRequestSettingsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Repository, GetRepositoryAsync);
        api.MapPost(Repository, UpdateRepositoryAsync);
        api.MapGet(Project, GetProjectAsync);
        api.MapPost(Project, UpdateProjectAsync);
        api.MapGet(Global, GetGlobalAsync);
        api.MapPost(Global, UpdateGlobalAsync);
        return api;
    }

    private static async Task<RestPullRequestSettings> GetRepositoryAsync(
        HttpContext http, PullRequestSettingsStore store, string projectKey, string slug) =>
        RestPullRequestSettings.From(await store.GetRepositoryAsync(http.GetPrincipal(), projectKey, slug, http.RequestAborted));

    private static async Task<RestPullRequestSettings> UpdateRepositoryAsync(
        HttpContext http, PullRequestSettingsStore store, string projectKey, string slug, JsonElement body) =>
        RestPullRequestSettings.From(await store.UpdateRepositoryAsync(http.GetPrincipal(), projectKey, slug, body, http.RequestAborted));

    private static async Task<RestPullRequestSettings> GetProjectAsync(
        HttpContext http, PullRequestSettingsStore store, string projectKey, string scmId) =>
        RestPullRequestSettings.From(await store.GetProjectAsync(http.GetPrincipal(), projectKey, scmId, http.RequestAborted));

    private static async Task<RestPullRequestSettings> UpdateProjectAsync(
        HttpContext http, PullRequestSettingsStore store, string projectKey, string scmId, JsonElement body) =>
        RestPullRequestSettings.From(await store.UpdateProjectAsync(http.GetPrincipal(), projectKey, scmId, body, http.RequestAborted));

    private static async Task<RestMergeConfig> GetGlobalAsync(HttpContext http, GlobalMergeConfig global, string scmId)
    {
        var (config, source) = await global.GetAsync(http.GetPrincipal(), scmId, http.RequestAborted);
        return RestMergeConfig.From(config, source);
    }

    private static async Task<RestMergeConfig> UpdateGlobalAsync(HttpContext http, GlobalMergeConfig global, string scmId, JsonElement body)
    {
        var (config, source) = await global.UpdateAsync(http.GetPrincipal(), scmId, body, http.RequestAborted);
        return RestMergeConfig.From(config, source);
    }
}
