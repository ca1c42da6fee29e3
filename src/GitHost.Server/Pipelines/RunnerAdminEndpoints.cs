using GitHost.Data.Pipelines;
using GitHost.Server.Auth;
using GitHost.Services.Pipelines;
using GitHost.Services.Pipelines.Runners;

namespace GitHost.Server.Pipelines;

/// <summary>
/// <c>/rest/pipelines/1.0[/projects/{key}[/repos/{slug}]]/runners[/{uuid}]</c>: create (201 with the
/// one-time registration <c>token</c>), list, get, enable/disable (PUT <c>{"enabled": false}</c>), delete.
/// </summary>
internal static class RunnerAdminEndpoints
{
    public static RouteGroupBuilder MapRunnerAdminEndpoints(this RouteGroupBuilder api)
    {
        foreach (var prefix in new[] { "", "/projects/{projectKey}", "/projects/{projectKey}/repos/{slug}" })
        {
            api.MapPost(prefix + "/runners", CreateAsync);
            api.MapGet(prefix + "/runners", ListAsync);
            api.MapGet(prefix + "/runners/{uuid}", GetAsync);
            api.MapPut(prefix + "/runners/{uuid}", UpdateAsync);
            api.MapDelete(prefix + "/runners/{uuid}", DeleteAsync);
        }

        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, RunnerAdministration runners, RestRunnerRequest body, string? projectKey, string? slug)
    {
        var (runner, token) = await runners.CreateAsync(http.GetPrincipal(), Place(projectKey, slug), body.Name, body.Labels, http.RequestAborted);
        return TypedResults.Json(RestRunner.From(runner, runners.IsOnline(runner), token), PipelineJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext http, RunnerAdministration runners, string? projectKey, string? slug)
    {
        var list = await runners.ListAsync(http.GetPrincipal(), Place(projectKey, slug), http.RequestAborted);
        return PipelineJson.Ok(new RestNumberedPage<RestRunner>(1, Math.Max(list.Count, 1), list.Count, list.Select(r => RestRunner.From(r, runners.IsOnline(r))).ToList(), null));
    }

    private static async Task<IResult> GetAsync(HttpContext http, RunnerAdministration runners, string uuid, string? projectKey, string? slug)
    {
        var runner = await runners.GetAsync(http.GetPrincipal(), Place(projectKey, slug), uuid, http.RequestAborted);
        return PipelineJson.Ok(RestRunner.From(runner, runners.IsOnline(runner)));
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, RunnerAdministration runners, string uuid, RestRunnerRequest body, string? projectKey, string? slug)
    {
        var place = Place(projectKey, slug);
        var runner = body.Enabled is { } enabled
            ? await runners.SetEnabledAsync(http.GetPrincipal(), place, uuid, enabled, http.RequestAborted)
            : await runners.GetAsync(http.GetPrincipal(), place, uuid, http.RequestAborted);
        return PipelineJson.Ok(RestRunner.From(runner, runners.IsOnline(runner)));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, RunnerAdministration runners, string uuid, string? projectKey, string? slug)
    {
        await runners.DeleteAsync(http.GetPrincipal(), Place(projectKey, slug), uuid, http.RequestAborted);
        return TypedResults.NoContent();
    }

    internal static PipelinePlace Place(string? projectKey, string? slug) =>
        projectKey is null ? PipelinePlace.Server : new PipelinePlace(slug is null ? PipelineScope.Project : PipelineScope.Repository, projectKey, slug);
}

public sealed record RestRunnerRequest(string? Name, IReadOnlyList<string>? Labels, bool? Enabled);

/// <summary>A runner as Bitbucket Cloud shows one (<c>uuid</c>, <c>name</c>, <c>labels</c>, <c>state.status</c>), plus the registration <c>token</c> once, at creation.</summary>
public sealed record RestRunner(string Uuid, string Name, IReadOnlyList<string> Labels, RestRunnerState State, bool Enabled, int Capacity, string? HostName, string? Version, string CreatedOn, string? Token)
{
    public static RestRunner From(RunnerEntity runner, bool online, string? token = null) => new(
        Services.Pipelines.PipelineIds.Format(runner.Uuid), runner.Name, runner.Labels.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        new RestRunnerState(runner.SecretHash is null ? "UNREGISTERED" : !runner.Enabled ? "DISABLED" : online ? "ONLINE" : "OFFLINE", RestDates.Iso(runner.LastSeenDate)),
        runner.Enabled, runner.Capacity, runner.HostName, runner.Version, RestDates.Iso(runner.CreatedDate)!, token);
}

public sealed record RestRunnerState(string Status, string? UpdatedOn);
