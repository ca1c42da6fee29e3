using GitHost.Server.Auth;
using GitHost.Services.Git;

namespace GitHost.Server.Repositories;

/// <summary>
/// <c>POST /rest/api/1.0/projects/{projectKey}/repos/{slug}/optimize</c> (GitHost only, REPO_ADMIN): runs
/// housekeeping's evaluation of the repository now and answers with what it did, for scripts after an import.
/// </summary>
internal static class RepositoryOptimizationEndpoints
{
    public static RouteGroupBuilder MapRepositoryOptimizationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{projectKey}/repos/{slug}/optimize", OptimizeAsync);
        return api;
    }

    private static async Task<RestRepositoryOptimization> OptimizeAsync(HttpContext http, OptimizeRepository optimize, TimeProvider time, string projectKey, string slug)
    {
        var started = time.GetTimestamp();
        var plan = await optimize.RunAsync(http.GetPrincipal(), projectKey, slug, http.RequestAborted);
        return RestRepositoryOptimization.From(plan, (long)time.GetElapsedTime(started).TotalMilliseconds);
    }
}
