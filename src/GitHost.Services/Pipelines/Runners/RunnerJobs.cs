using System.Diagnostics;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Pipelines.Protocol;
using GitHost.Services.Common;
using GitHost.Services.Pipelines.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>
/// A runner's long poll: renews the leases of the steps it still runs, then hands it the next step that
/// fits, waiting (woken by <see cref="PipelineQueueSignal"/>) up to <see cref="PipelineSchedulerOptions.PollWait"/>.
/// </summary>
public sealed partial class RunnerJobs(
    GitHostDbContext db, StepDispatcher dispatcher, StepEnvironment environment, IPipelineLinks links, PipelineQueueSignal queue,
    EpochClock clock, IOptionsMonitor<PipelineSchedulerOptions> options, ILogger<RunnerJobs> logger)
{
    public async Task<RunnerJob?> NextAsync(RunnerEntity runner, JobPoll poll, CancellationToken cancellationToken)
    {
        await RenewAsync(runner, poll.Running, cancellationToken);
        if (poll.Free < 1)
        {
            return null;
        }

        var clockStarted = Stopwatch.GetTimestamp();
        var wait = options.CurrentValue.PollWait;
        while (true)
        {
            var seen = queue.Version;
            if (await dispatcher.ClaimAsync(runner, cancellationToken) is { } claimed)
            {
                return await JobAsync(runner, claimed, cancellationToken);
            }

            var left = wait - Stopwatch.GetElapsedTime(clockStarted);
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            // Another node may queue steps without this node's signal: look again at least every 2 s.
            await queue.WaitAsync(seen, left < TimeSpan.FromSeconds(2) ? left : TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    private async Task RenewAsync(RunnerEntity runner, IReadOnlyList<string> running, CancellationToken cancellationToken)
    {
        var uuids = running.Take(64).Select(PipelineIds.ParseUuid).OfType<Guid>().ToList();
        if (uuids.Count == 0)
        {
            return;
        }

        var lease = clock.NowMs() + (long)options.CurrentValue.LeaseDuration.TotalMilliseconds;
        var runnerId = runner.Id;
        await db.PipelineSteps.Where(s => uuids.Contains(s.Uuid) && s.RunnerId == runnerId && s.State == PipelineStepState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseExpiresDate, lease), cancellationToken);
    }

    private async Task<RunnerJob> JobAsync(RunnerEntity runner, ClaimedStep claimed, CancellationToken cancellationToken)
    {
        var step = claimed.Step;
        var pipeline = await db.Pipelines.AsNoTracking().FirstAsync(p => p.Id == step.PipelineId, cancellationToken);
        var cloneUrl = links.CloneUrl(claimed.Place.ProjectKey, claimed.Place.Slug);
        var variables = await environment.ForAsync(pipeline, step, claimed.Place, cloneUrl, cancellationToken);
        var work = PipelinePlan.Work(step);
        Log.Dispatched(logger, pipeline.RepositoryId, pipeline.BuildNumber, step.Name, runner.Name, step.DispatchCount);
        return new RunnerJob(
            PipelineIds.Format(step.Uuid), PipelineIds.Format(pipeline.Uuid), pipeline.BuildNumber, step.Name, cloneUrl, claimed.JobToken,
            pipeline.CommitId, work.CloneEnabled, work.CloneDepth, work.Script, work.AfterScript, variables, step.MaxTimeMinutes, step.LogSize,
            work.Image, work.Services, work.Pipes, work.Artifacts, work.DownloadArtifacts);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7121, Level = LogLevel.Information, Message = "Pipeline #{BuildNumber} of repository {RepositoryId}: step \"{StepName}\" dispatched to runner {RunnerName} (dispatch {Dispatch})")]
        public static partial void Dispatched(ILogger logger, long repositoryId, int buildNumber, string stepName, string runnerName, int dispatch);
    }
}
