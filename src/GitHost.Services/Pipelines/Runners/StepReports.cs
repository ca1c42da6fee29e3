using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Pipelines.Protocol;
using GitHost.Services.Common;
using GitHost.Services.Pipelines.Logs;
using GitHost.Services.Pipelines.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>
/// What a runner reports about a step it holds: heartbeats (which renew its lease and tell it to stop
/// when the step was stopped or ran past its max-time), log chunks, and the result. Only the runner
/// holding the step is heard; a result for a step that already ended is accepted and changes nothing.
/// </summary>
public sealed partial class StepReports(
    GitHostDbContext db, PipelineWrites writes, PipelineLogStore logs, PipelineBuildStatus statuses, PipelineQueueSignal queue, EpochClock clock,
    IOptionsMonitor<PipelineSchedulerOptions> options, ILogger<StepReports> logger)
{
    public async Task<HeartbeatAnswer> HeartbeatAsync(RunnerEntity runner, string stepUuid, CancellationToken cancellationToken)
    {
        var step = await db.HeldStepAsync(runner, stepUuid, cancellationToken);
        if (step.State != PipelineStepState.Running)
        {
            return new HeartbeatAnswer(true, step.Reason ?? "The step is no longer running.");
        }

        var now = clock.NowMs();
        if (step.StartedDate is { } started && now - started > step.MaxTimeMinutes * 60_000L)
        {
            var reason = $"The step ran longer than its max-time of {step.MaxTimeMinutes} minutes.";
            await EndAsync(step.Id, PipelineStepState.Failed, null, reason, cancellationToken);
            return new HeartbeatAnswer(true, reason);
        }

        await RenewAsync(step.Id, now, cancellationToken);
        return new HeartbeatAnswer(false, null);
    }

    public async Task<LogAccepted> AppendLogAsync(RunnerEntity runner, string stepUuid, long offset, Stream body, CancellationToken cancellationToken)
    {
        if (offset < 0)
        {
            throw GitHostException.Invalid("offset must be 0 or greater.", "offset");
        }

        var step = await db.HeldStepAsync(runner, stepUuid, cancellationToken);
        var size = await logs.AppendAsync(step.PipelineId, step.Id, step.LogSize, offset, body, options.CurrentValue.MaxLogBytesPerStep, cancellationToken)
            ?? throw new GitHostException(FailureKind.Conflict, $"The log has {step.LogSize} bytes; send from offset {Math.Max(step.LogSize, logs.SizeOf(step.PipelineId, step.Id))}.");
        var id = step.Id;
        await db.PipelineSteps.Where(s => s.Id == id && s.LogSize < size).ExecuteUpdateAsync(s => s.SetProperty(x => x.LogSize, size), cancellationToken);
        return new LogAccepted(size);
    }

    public async Task CompleteAsync(RunnerEntity runner, string stepUuid, StepResult result, CancellationToken cancellationToken)
    {
        var state = result.Result switch
        {
            "SUCCESSFUL" => PipelineStepState.Successful,
            "FAILED" => PipelineStepState.Failed,
            "ERROR" => PipelineStepState.Error,
            _ => throw GitHostException.Invalid("result must be SUCCESSFUL, FAILED or ERROR.", "result"),
        };
        var step = await db.HeldStepAsync(runner, stepUuid, cancellationToken);
        if (step.State == PipelineStepState.Running)
        {
            await EndAsync(step.Id, state, result.ExitCode, Cut(result.Reason), cancellationToken);
        }
    }

    /// <summary>Ends a running step and moves its pipeline on, in one save; also used when a lease lapses for good.</summary>
    public async Task EndAsync(long stepId, PipelineStepState state, int? exitCode, string? reason, CancellationToken cancellationToken)
    {
        var pipelineId = await db.PipelineSteps.Where(s => s.Id == stepId).Select(s => s.PipelineId).FirstAsync(cancellationToken);
        var ended = await writes.ChangeAsync(pipelineId, (pipeline, steps) =>
        {
            var step = steps.First(s => s.Id == stepId);
            if (step.State != PipelineStepState.Running)
            {
                return null;
            }

            var now = clock.NowMs();
            step.State = state;
            step.ExitCode = exitCode;
            step.Reason = reason;
            step.CompletedDate = now;
            step.LeaseExpiresDate = null;
            step.JobTokenHash = null;
            if (state != PipelineStepState.Successful)
            {
                PipelineProgress.StopSiblings(step, steps, now);
            }

            var before = steps.Count(s => s.State == PipelineStepState.Ready);
            PipelineProgress.Advance(pipeline, steps, now);
            return new EndedStep(pipeline, step.Name, steps.Count(s => s.State == PipelineStepState.Ready) > before);
        }, cancellationToken);
        if (ended is null)
        {
            return;
        }

        var settled = ended.Pipeline;
        Log.StepEnded(logger, settled.RepositoryId, settled.BuildNumber, ended.StepName, state, exitCode);
        if (ended.QueuedMore)
        {
            queue.Pulse();
        }

        if (PipelineProgress.IsFinal(settled.State) || settled.State == PipelineState.Paused)
        {
            await statuses.ReportAsync(settled, cancellationToken);
            Log.PipelineSettled(logger, settled.RepositoryId, settled.BuildNumber, settled.State);
        }
    }

    private async Task RenewAsync(long stepId, long now, CancellationToken cancellationToken)
    {
        var lease = now + (long)options.CurrentValue.LeaseDuration.TotalMilliseconds;
        await db.PipelineSteps.Where(s => s.Id == stepId && s.State == PipelineStepState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseExpiresDate, lease), cancellationToken);
    }

    /// <summary>A runner's reason, cut to what the column holds.</summary>
    private static string? Cut(string? text) => text is { Length: > 2048 } ? text[..2048] : text;

    private sealed record EndedStep(PipelineEntity Pipeline, string StepName, bool QueuedMore);

    private static partial class Log
    {
        [LoggerMessage(EventId = 7120, Level = LogLevel.Information, Message = "Pipeline #{BuildNumber} of repository {RepositoryId}: step \"{StepName}\" ended {State} (exit code {ExitCode})")]
        public static partial void StepEnded(ILogger logger, long repositoryId, int buildNumber, string stepName, PipelineStepState state, int? exitCode);

        [LoggerMessage(EventId = 7122, Level = LogLevel.Information, Message = "Pipeline #{BuildNumber} of repository {RepositoryId} is now {State}")]
        public static partial void PipelineSettled(ILogger logger, long repositoryId, int buildNumber, PipelineState state);
    }
}
