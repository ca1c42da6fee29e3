using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>
/// Notices runners that stopped answering (F3): a running step whose lease lapsed goes back to the queue
/// once; lapsing a second time ends it in ERROR. The requeue is a conditional update on the lapsed lease,
/// so a runner that answers at the last moment and the watch cannot both win.
/// </summary>
public sealed partial class StepLeaseWatch(
    IServiceScopeFactory scopes, PipelineQueueSignal queue, EpochClock clock, ILogger<StepLeaseWatch> logger) : BackgroundService
{
    public const int MaxDispatches = 2;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await SweepAsync(scope.ServiceProvider, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.SweepFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a running step's lease simply lapses, and the next start (here or on another node) sees it.
        }
    }

    public async Task SweepAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<GitHostDbContext>();
        var now = clock.NowMs();
        var lapsed = await db.PipelineSteps.AsNoTracking()
            .Where(s => s.State == PipelineStepState.Running && s.LeaseExpiresDate < now)
            .Select(s => new { s.Id, s.DispatchCount, s.LeaseExpiresDate, s.Name })
            .ToListAsync(cancellationToken);
        foreach (var step in lapsed)
        {
            if (step.DispatchCount < MaxDispatches)
            {
                var requeued = await db.PipelineSteps.Where(s => s.Id == step.Id && s.State == PipelineStepState.Running && s.LeaseExpiresDate == step.LeaseExpiresDate)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(x => x.State, PipelineStepState.Ready)
                        .SetProperty(x => x.RunnerId, (long?)null)
                        .SetProperty(x => x.LeaseExpiresDate, (long?)null)
                        .SetProperty(x => x.JobTokenHash, (string?)null)
                        .SetProperty(x => x.ReadyDate, now)
                        .SetProperty(x => x.Reason, "Its runner stopped answering; the step was queued again."), cancellationToken);
                if (requeued == 1)
                {
                    Log.Requeued(logger, step.Id, step.Name);
                    queue.Pulse();
                }

                continue;
            }

            Log.Lost(logger, step.Id, step.Name);
            await services.GetRequiredService<StepReports>().EndAsync(step.Id, PipelineStepState.Error, null,
                $"Its runner stopped answering {MaxDispatches} times; the step was not run to the end.", cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7130, Level = LogLevel.Warning, Message = "Step {StepId} (\"{StepName}\") lost its runner and was queued again")]
        public static partial void Requeued(ILogger logger, long stepId, string stepName);

        [LoggerMessage(EventId = 7131, Level = LogLevel.Warning, Message = "Step {StepId} (\"{StepName}\") lost its runner again and ended in ERROR")]
        public static partial void Lost(ILogger logger, long stepId, string stepName);

        [LoggerMessage(EventId = 7132, Level = LogLevel.Error, Message = "The pipeline lease watch failed; it tries again shortly")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
