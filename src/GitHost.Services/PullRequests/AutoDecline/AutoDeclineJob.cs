using System.Data.Common;
using GitHost.Services.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.PullRequests.AutoDecline;

/// <summary>Runs <see cref="AutoDeclineSweep"/> every <see cref="AutoDeclineOptions.IntervalMinutes"/>, first right after start.</summary>
public sealed partial class AutoDeclineJob(
    AutoDeclineSweep sweep, ClusterJobs jobs, IOptions<AutoDeclineOptions> options, TimeProvider time, ILogger<AutoDeclineJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.JobEnabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await jobs.IsDueAsync(ClusterJobNames.AutoDecline, TimeSpan.FromMinutes(options.Value.IntervalMinutes), stoppingToken))
                {
                    await sweep.RunAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException or IOException)
            {
                Log.SweepFailed(logger, e);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.Value.IntervalMinutes), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5123, Level = LogLevel.Warning, Message = "Auto-declining inactive pull requests failed; retrying at the next interval")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
