using GitHost.Data.Pipelines;
using GitHost.Server.Auth;
using GitHost.Services.Pipelines;
using GitHost.Services.Pipelines.Variables;

namespace GitHost.Server.Pipelines;

/// <summary>
/// <c>/rest/pipelines/1.0[/projects/{key}[/repos/{slug}]]/variables[/{uuid}]</c>, in Bitbucket Cloud's
/// shape (<c>{uuid, key, value, secured}</c>); a secured variable's value is never returned.
/// </summary>
internal static class VariableEndpoints
{
    public static RouteGroupBuilder MapVariableEndpoints(this RouteGroupBuilder api)
    {
        foreach (var prefix in new[] { "", "/projects/{projectKey}", "/projects/{projectKey}/repos/{slug}" })
        {
            api.MapGet(prefix + "/variables", ListAsync);
            api.MapPost(prefix + "/variables", CreateAsync);
            api.MapPut(prefix + "/variables/{uuid}", UpdateAsync);
            api.MapDelete(prefix + "/variables/{uuid}", DeleteAsync);
        }

        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, PipelineVariables variables, string? projectKey, string? slug)
    {
        var list = await variables.ListAsync(http.GetPrincipal(), RunnerAdminEndpoints.Place(projectKey, slug), http.RequestAborted);
        return PipelineJson.Ok(new RestNumberedPage<RestVariable>(1, Math.Max(list.Count, 1), list.Count, list.Select(RestVariable.From).ToList(), null));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, PipelineVariables variables, RestVariableRequest body, string? projectKey, string? slug)
    {
        var created = await variables.CreateAsync(http.GetPrincipal(), RunnerAdminEndpoints.Place(projectKey, slug), body.ToInput(), http.RequestAborted);
        return TypedResults.Json(RestVariable.From(created), PipelineJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, PipelineVariables variables, string uuid, RestVariableRequest body, string? projectKey, string? slug) =>
        PipelineJson.Ok(RestVariable.From(await variables.UpdateAsync(http.GetPrincipal(), RunnerAdminEndpoints.Place(projectKey, slug), uuid, body.ToInput(), http.RequestAborted)));

    private static async Task<IResult> DeleteAsync(HttpContext http, PipelineVariables variables, string uuid, string? projectKey, string? slug)
    {
        await variables.DeleteAsync(http.GetPrincipal(), RunnerAdminEndpoints.Place(projectKey, slug), uuid, http.RequestAborted);
        return TypedResults.NoContent();
    }
}

public sealed record RestVariableRequest(string? Key, string? Value, bool? Secured)
{
    public PipelineVariableInput ToInput() => new(Key, Value, Secured);
}

public sealed record RestVariable(string Type, string Uuid, string Key, string? Value, bool Secured)
{
    public static RestVariable From(PipelineVariableEntity variable) => new(
        "pipeline_variable", PipelineIds.Format(variable.Uuid), variable.Key, variable.Secured ? null : variable.Value, variable.Secured);
}
