using System.Collections.Concurrent;
using GitHost.Pipelines.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Runner;

/// <summary>
/// Polls the server for steps while there is room and runs each in the background. When the server is
/// unreachable (restarting, network) it waits and tries again, longer each time up to 10 s; when the
/// server refuses the credential it stops. On shutdown it stops polling and lets running steps finish.
/// </summary>
public sealed partial class RunnerLoop(
    RunnerClient client, RunnerCredential credential, StepExecutor executor, IOptions<RunnerOptions> options, IHostApplicationLifetime lifetime,
    ILogger<RunnerLoop> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string secret;
        try
        {
            secret = await WithRetriesAsync(() => credential.SecretAsync(stoppingToken), stoppingToken);
        }
        catch (RunnerRefusedException e)
        {
            Log.Refused(logger, e.Message);
            lifetime.StopApplication();
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Log.Polling(logger, options.Value.Server, options.Value.Capacity);
        // Steps keep running after shutdown is asked for; only a second signal (or the host's timeout) ends them.
        using var steps = new CancellationTokenSource();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = options.Value.Capacity - _running.Count;
                var job = await WithRetriesAsync(() => client.NextJobAsync(secret, new JobPoll(free, _running.Keys.ToList()), stoppingToken), stoppingToken);
                if (job is not null)
                {
                    _running[job.StepUuid] = RunAsync(secret, job, steps.Token);
                }
                else if (free == 0)
                {
                    await Task.WhenAny(_running.Values).WaitAsync(stoppingToken);
                }
            }
            catch (RunnerRefusedException e)
            {
                Log.Refused(logger, e.Message);
                break;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        Log.Draining(logger, _running.Count);
        await Task.WhenAll(_running.Values);
    }

    private async Task RunAsync(string secret, RunnerJob job, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await executor.RunAsync(secret, job, cancellationToken);
        }
        catch (Exception e)
        {
            Log.StepFailed(logger, e, job.StepUuid);
        }
        finally
        {
            _running.TryRemove(job.StepUuid, out _);
        }
    }

    /// <summary>Retries network failures and server errors until they pass; a refusal or shutdown ends it.</summary>
    private async Task<T> WithRetriesAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Log.Unreachable(logger, e.Message, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Polling {Server} for steps ({Capacity} at a time)")]
        public static partial void Polling(ILogger logger, string server, int capacity);

        [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "The server is unreachable ({Error}); trying again in {Seconds} s")]
        public static partial void Unreachable(ILogger logger, string error, double seconds);

        [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "{Message}")]
        public static partial void Refused(ILogger logger, string message);

        [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Stopping: waiting for {Count} running step(s) to finish")]
        public static partial void Draining(ILogger logger, int count);

        [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "Step {StepUuid} could not be run to the end")]
        public static partial void StepFailed(ILogger logger, Exception exception, string stepUuid);
    }
}
