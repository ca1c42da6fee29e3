using GitHost.Core.Failures;
using GitHost.Pipelines.Protocol;
using GitHost.Services.Pipelines;
using GitHost.Services.Pipelines.Artifacts;
using GitHost.Services.Pipelines.Runners;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Pipelines;

/// <summary>
/// The runner API (<see cref="RunnerProtocol"/>): register with the one-time token, long-poll for a step,
/// heartbeat, send log chunks by offset, keep and fetch artifacts, report the result. The runner's credential travels in
/// <see cref="RunnerProtocol.TokenHeader"/>; user credentials are never accepted here.
/// </summary>
internal static class RunnerApiEndpoints
{
    /// <summary>A log chunk's limit; the runner sends at most 256 KiB at a time.</summary>
    private const long MaxChunkBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapRunnerApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(RunnerProtocol.Register, RegisterAsync);
        app.MapPost(RunnerProtocol.NextJob, NextAsync);
        app.MapPost(RunnerProtocol.Base + "/jobs/{stepUuid}/heartbeat", HeartbeatAsync);
        app.MapPost(RunnerProtocol.Base + "/jobs/{stepUuid}/log", LogAsync)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxChunkBytes));
        app.MapPost(RunnerProtocol.Base + "/jobs/{stepUuid}/complete", CompleteAsync);
        app.MapGet(RunnerProtocol.Base + "/jobs/{stepUuid}/artifacts", ListArtifactsAsync);
        app.MapGet(RunnerProtocol.Base + "/jobs/{stepUuid}/artifacts/{fromStepUuid}", DownloadArtifactAsync);
        app.MapPut(RunnerProtocol.Base + "/jobs/{stepUuid}/artifacts", UploadArtifactsAsync)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute());
        return app;
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, RunnerSessions sessions, RunnerRegistration body) =>
        TypedResults.Ok(await sessions.RegisterAsync(Token(http), body, http.RequestAborted));

    private static async Task<IResult> NextAsync(HttpContext http, RunnerSessions sessions, RunnerJobs jobs, JobPoll body)
    {
        var runner = await sessions.AuthenticateAsync(Token(http), http.RequestAborted);
        return await jobs.NextAsync(runner, body, http.RequestAborted) is { } job ? TypedResults.Ok(job) : TypedResults.NoContent();
    }

    private static async Task<IResult> HeartbeatAsync(HttpContext http, RunnerSessions sessions, StepReports reports, string stepUuid)
    {
        var runner = await sessions.AuthenticateAsync(Token(http), http.RequestAborted);
        return TypedResults.Ok(await reports.HeartbeatAsync(runner, stepUuid, http.RequestAborted));
    }

    private static async Task<IResult> LogAsync(HttpContext http, RunnerSessions sessions, StepReports reports, string stepUuid, long? offset)
    {
        // Refused before anything is looked up, so a client that waits for 100-continue sends nothing.
        if (http.Request.ContentLength > MaxChunkBytes)
        {
            throw new GitHostException(FailureKind.TooLarge, $"A log chunk may be at most {MaxChunkBytes} bytes.");
        }

        var runner = await sessions.AuthenticateAsync(Token(http), http.RequestAborted);
        var accepted = await reports.AppendLogAsync(runner, stepUuid, offset ?? throw GitHostException.Invalid("offset is required.", "offset"), http.Request.Body, http.RequestAborted);
        return TypedResults.Ok(accepted);
    }

    private static async Task<IResult> CompleteAsync(HttpContext http, RunnerSessions sessions, StepReports reports, string stepUuid, StepResult body)
    {
        var runner = await sessions.AuthenticateAsync(Token(http), http.RequestAborted);
        await reports.CompleteAsync(runner, stepUuid, body, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListArtifactsAsync(HttpContext http, RunnerSessions sessions, StepArtifacts artifacts, string stepUuid)
    {
        var runner = await sessions.AuthenticateAsync(Token(http), http.RequestAborted);
        return TypedResults.Ok(await artifacts.ListAsync(runner, stepUuid, http.RequestAborted));
    }

    private static async Task<IResult> DownloadArtifactAsync(HttpContext http, RunnerSessions sessions, StepArtifacts artifacts, string stepUuid, string fromStepUuid)
    {
        var runner = await sessions.AuthenticateAsync(Token(http), http.RequestAborted);
        return TypedResults.Stream(await artifacts.OpenAsync(runner, stepUuid, fromStepUuid, http.RequestAborted), "application/gzip");
    }

    /// <summary>The body is streamed to disk and counted as it comes; the configured limit, not Kestrel's, bounds it (a declared length past it is refused before any byte is read).</summary>
    private static async Task<IResult> UploadArtifactsAsync(
        HttpContext http, RunnerSessions sessions, StepArtifacts artifacts, IOptionsMonitor<PipelineSchedulerOptions> options, string stepUuid)
    {
        var limit = options.CurrentValue.MaxArtifactBytesPerStep;
        if (http.Request.ContentLength > limit)
        {
            throw PipelineArtifactStore.TooLarge(limit);
        }

        var runner = await sessions.AuthenticateAsync(Token(http), http.RequestAborted);
        return TypedResults.Ok(new ArtifactsAccepted(await artifacts.SaveAsync(runner, stepUuid, http.Request.Body, http.RequestAborted)));
    }

    private static string? Token(HttpContext http) =>
        http.Request.Headers.TryGetValue(RunnerProtocol.TokenHeader, out var value) ? value.ToString() : null;
}
