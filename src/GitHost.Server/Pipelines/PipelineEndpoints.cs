using System.Text;
using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Pipelines.Parsing;
using GitHost.Server.Auth;
using GitHost.Services.Pipelines;
using GitHost.Services.Pipelines.Commands;
using GitHost.Services.Pipelines.Queries;
using GitHost.Services.Permissions;

namespace GitHost.Server.Pipelines;

/// <summary>
/// <c>/rest/pipelines/1.0/projects/{key}/repos/{slug}/pipelines[/{id}[/steps[/{step}]]]</c>: list, get,
/// run (POST), stop, start a manual step; <c>/rest/pipelines/1.0/validate</c> checks a file. A pipeline
/// is named by its build number or its <c>{uuid}</c>. Shapes and paging are Bitbucket Cloud's.
/// </summary>
internal static class PipelineEndpoints
{
    private const string Pipelines = "/projects/{projectKey}/repos/{slug}/pipelines";
    private const string Pipeline = Pipelines + "/{id}";

    public static RouteGroupBuilder MapPipelineEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Pipelines, ListAsync);
        api.MapPost(Pipelines, RunAsync);
        api.MapGet(Pipeline, GetAsync);
        api.MapPost(Pipeline + "/stopPipeline", StopAsync);
        api.MapPost(Pipeline + "/rerun", RerunAsync);
        api.MapPost(Pipeline + "/rerun-failed-steps", RerunFailedAsync);
        api.MapGet(Pipeline + "/steps", StepsAsync);
        api.MapGet(Pipeline + "/steps/{stepId}", StepAsync);
        api.MapPost(Pipeline + "/steps/{stepId}/run", RunStepAsync);
        api.MapGet(Pipeline + "/steps/{stepId}/log", LogAsync);
        api.MapGet(Pipeline + "/steps/{stepId}/artifacts", ArtifactsAsync);
        api.MapPost("/validate", ValidateAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, PipelineQueries queries, IPipelineLinks links, string projectKey, string slug, int? page, int? pagelen)
    {
        var (repository, found) = await queries.ListAsync(http.GetPrincipal(), projectKey, slug, page, pagelen, http.RequestAborted);
        var self = SelfBase(http, projectKey, slug);
        return PipelineJson.Ok(new RestNumberedPage<RestPipeline>(
            found.Page, found.PageLength, found.Size,
            found.Values.Select(p => RestPipeline.From(p, $"{self}/{p.BuildNumber}", links.PipelinePage(repository.Project.Key, repository.Repository.Slug, p.BuildNumber))).ToList(),
            found.Page * found.PageLength < found.Size ? $"{self}?page={found.Page + 1}&pagelen={found.PageLength}" : null));
    }

    private static async Task<IResult> GetAsync(HttpContext http, PipelineQueries queries, IPipelineLinks links, string projectKey, string slug, string id)
    {
        var (repository, pipeline) = await queries.GetAsync(http.GetPrincipal(), projectKey, slug, id, http.RequestAborted);
        return PipelineJson.Ok(Shape(http, links, repository, pipeline, projectKey, slug));
    }

    private static async Task<IResult> RunAsync(HttpContext http, PipelineCommands commands, IPipelineLinks links, string projectKey, string slug)
    {
        var body = await ReadBodyAsync(http);
        var (repository, pipeline) = await commands.RunAsync(http.GetPrincipal(), projectKey, slug, body.ToInput(), http.RequestAborted);
        var shaped = Shape(http, links, repository, pipeline, projectKey, slug);
        return TypedResults.Json(shaped, PipelineJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> StopAsync(HttpContext http, PipelineCommands commands, string projectKey, string slug, string id)
    {
        await commands.StopAsync(http.GetPrincipal(), projectKey, slug, id, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RerunAsync(HttpContext http, PipelineCommands commands, IPipelineLinks links, string projectKey, string slug, string id)
    {
        var (repository, pipeline) = await commands.RerunAsync(http.GetPrincipal(), projectKey, slug, id, http.RequestAborted);
        return TypedResults.Json(Shape(http, links, repository, pipeline, projectKey, slug), PipelineJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RerunFailedAsync(HttpContext http, PipelineCommands commands, PipelineQueries queries, IPipelineLinks links, string projectKey, string slug, string id)
    {
        await commands.RerunFailedStepsAsync(http.GetPrincipal(), projectKey, slug, id, http.RequestAborted);
        var (repository, pipeline) = await queries.GetAsync(http.GetPrincipal(), projectKey, slug, id, http.RequestAborted);
        return PipelineJson.Ok(Shape(http, links, repository, pipeline, projectKey, slug));
    }

    private static async Task<IResult> StepsAsync(HttpContext http, PipelineQueries queries, string projectKey, string slug, string id)
    {
        var (_, _, steps) = await queries.StepsAsync(http.GetPrincipal(), projectKey, slug, id, http.RequestAborted);
        return PipelineJson.Ok(new RestNumberedPage<RestPipelineStep>(1, Math.Max(steps.Count, 1), steps.Count, steps.Select(RestPipelineStep.From).ToList(), null));
    }

    private static async Task<IResult> StepAsync(HttpContext http, PipelineQueries queries, string projectKey, string slug, string id, string stepId)
    {
        var (_, _, step) = await queries.StepAsync(http.GetPrincipal(), projectKey, slug, id, stepId, http.RequestAborted);
        return PipelineJson.Ok(RestPipelineStep.From(step));
    }

    private static async Task<IResult> RunStepAsync(
        HttpContext http, PipelineCommands commands, IPipelineLinks links, PipelineQueries queries, string projectKey, string slug, string id, string stepId)
    {
        await commands.RunStepAsync(http.GetPrincipal(), projectKey, slug, id, stepId, http.RequestAborted);
        var (_, _, step) = await queries.StepAsync(http.GetPrincipal(), projectKey, slug, id, stepId, http.RequestAborted);
        return PipelineJson.Ok(RestPipelineStep.From(step));
    }

    /// <summary>Plain text, with <c>Range</c> support so a reader can follow a running step by asking for what came after the bytes it has.</summary>
    private static async Task<IResult> LogAsync(HttpContext http, PipelineQueries queries, string projectKey, string slug, string id, string stepId)
    {
        var log = await queries.LogAsync(http.GetPrincipal(), projectKey, slug, id, stepId, http.RequestAborted);
        return log is null
            ? TypedResults.Text("", "text/plain; charset=utf-8")
            : TypedResults.Stream(log, "text/plain; charset=utf-8", enableRangeProcessing: true);
    }

    /// <summary>The files the step kept for later steps, as the gzipped tar the runner made; 404 when it kept none.</summary>
    private static async Task<IResult> ArtifactsAsync(HttpContext http, PipelineQueries queries, string projectKey, string slug, string id, string stepId)
    {
        var (step, archive) = await queries.ArtifactsAsync(http.GetPrincipal(), projectKey, slug, id, stepId, http.RequestAborted);
        return archive is null
            ? throw new GitHostException(FailureKind.NotFound, $"Step {stepId} kept no artifacts.")
            : TypedResults.Stream(archive, "application/gzip", $"{slug}-{id}-step-{step.Index + 1}-artifacts.tar.gz", enableRangeProcessing: true);
    }

    /// <summary>The file as text (any content type); the answer lists every problem with line, column and what to write instead.</summary>
    private static async Task<IResult> ValidateAsync(HttpContext http, PipelineFileParser parser)
    {
        if (!http.GetPrincipal().IsAuthenticated)
        {
            throw GitHostException.AuthenticationRequired();
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        var result = parser.Parse(text);
        return PipelineJson.Ok(new RestValidation(result.IsValid, result.Problems));
    }

    private static RestPipeline Shape(HttpContext http, IPipelineLinks links, RepositoryWithProject repository, Data.Pipelines.PipelineEntity pipeline, string projectKey, string slug) =>
        RestPipeline.From(pipeline, $"{SelfBase(http, projectKey, slug)}/{pipeline.BuildNumber}", links.PipelinePage(repository.Project.Key, repository.Repository.Slug, pipeline.BuildNumber));

    private static string SelfBase(HttpContext http, string projectKey, string slug) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/rest/pipelines/1.0/projects/{projectKey}/repos/{slug}/pipelines";

    private static async Task<RestPipelineRunRequest> ReadBodyAsync(HttpContext http)
    {
        try
        {
            return await http.Request.ReadFromJsonAsync<RestPipelineRunRequest>(PipelineJson.Options, http.RequestAborted)
                ?? throw GitHostException.Invalid("The body must be a JSON object with a target.", "target");
        }
        catch (JsonException e)
        {
            throw GitHostException.Invalid($"The body is not valid JSON: {e.Message}", "target");
        }
    }
}

public sealed record RestNumberedPage<T>(int Page, int Pagelen, int Size, IReadOnlyList<T> Values, string? Next);

public sealed record RestValidation(bool Valid, IReadOnlyList<GitHost.Pipelines.Definitions.PipelineProblem> Problems);
