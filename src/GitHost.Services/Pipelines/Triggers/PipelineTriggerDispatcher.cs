using GitHost.Services.Cluster;
using GitHost.Services.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Pipelines.Triggers;

/// <summary>Runs the trigger consumer whenever an event is saved (<see cref="OutboxSignal"/>), and polls as a fallback.</summary>
public sealed partial class PipelineTriggerDispatcher(
    IServiceScopeFactory scopes, ClusterJobs jobs, OutboxSignal signal, IOptionsMonitor<PipelineSchedulerOptions> options, ILogger<PipelineTriggerDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var seen = signal.Version;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await jobs.HoldsAsync(ClusterJobNames.PipelineTriggers, stoppingToken))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var consumer = scope.ServiceProvider.GetRequiredService<PipelineTriggerConsumer>();
                    while (await consumer.RunAsync(stoppingToken) >= options.CurrentValue.BatchSize)
                    {
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.LoopFailed(logger, e);
            }

            try
            {
                seen = await signal.WaitAsync(seen, options.CurrentValue.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7110, Level = LogLevel.Error, Message = "The pipeline trigger loop failed; it tries again at the next event or poll")]
        public static partial void LoopFailed(ILogger logger, Exception exception);
    }
}
