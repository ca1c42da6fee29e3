using System.Data.Common;
using GitHost.Git;
using GitHost.Git.Maintenance;
using GitHost.Git.Storage;
using GitHost.Services.Cluster;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Git;

/// <summary>
/// Evaluates one repository (<see cref="RepositoryFacts"/>, <see cref="OptimizationStrategy"/>) and runs
/// the plan: one repository at a time on this node, and under the cluster lease
/// <see cref="ClusterJobNames.Housekeeping"/> so that two nodes never work on the same repository.
/// Every run is logged with what it did and why.
/// </summary>
public sealed partial class RepositoryOptimizer(
    RepositoryMaintenance maintenance, RepositoryLayout layout, ClusterJobs jobs, IOptions<GitOptions> options, TimeProvider time,
    ILogger<RepositoryOptimizer> logger)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <returns>what was run (<see cref="OptimizationPlan.Nothing"/> when nothing was needed), or null when
    /// another node holds the repository's lease or this node stayed busy for <paramref name="maxWait"/>.</returns>
    public async Task<OptimizationPlan?> OptimizeAsync(long repositoryId, HousekeepingTrigger trigger, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var path = layout.PathOf(repositoryId);
        if (!Directory.Exists(path))
        {
            return OptimizationPlan.Nothing;
        }

        if (!await _oneAtATime.WaitAsync(maxWait, cancellationToken))
        {
            Log.Busy(logger, repositoryId, Name(trigger));
            return null;
        }

        try
        {
            OptimizationPlan? ran = null;
            var held = await jobs.RunAloneAsync(ClusterJobNames.Housekeeping(repositoryId), async ct => ran = await RunAsync(repositoryId, path, trigger, ct), cancellationToken);
            if (!held)
            {
                Log.HeldElsewhere(logger, repositoryId, Name(trigger));
            }

            return ran;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>As <see cref="OptimizeAsync"/>, for background callers: failures are logged, and the next repository goes on.</summary>
    public async Task OptimizeQuietlyAsync(long repositoryId, HousekeepingTrigger trigger, CancellationToken cancellationToken)
    {
        try
        {
            await OptimizeAsync(repositoryId, trigger, Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or DbException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A repository deleted meanwhile, a disk problem, the database gone (or this node's claim on the
            // repository with it): log it and go on with the next one.
            Log.Failed(logger, repositoryId, e);
        }
    }

    private async Task<OptimizationPlan> RunAsync(long repositoryId, string path, HousekeepingTrigger trigger, CancellationToken cancellationToken)
    {
        var settings = options.Value.Housekeeping;
        var started = time.GetTimestamp();
        // Counting loose refs stops just past the limit: all the decision needs is whether it is exceeded.
        var facts = RepositoryFacts.Read(path, countLooseRefsUpTo: settings.MaxLooseRefs + 1);
        var plan = OptimizationStrategy.Decide(facts, settings, time.GetUtcNow());
        if (plan.IsEmpty)
        {
            Log.NothingToDo(logger, repositoryId, Name(trigger));
            return plan;
        }

        await maintenance.RunAsync(path, plan, cancellationToken);
        Log.Optimized(logger, repositoryId, Name(trigger), plan.Describe(), (long)time.GetElapsedTime(started).TotalMilliseconds, string.Join("; ", plan.Reasons));
        return plan;
    }

    private static string Name(HousekeepingTrigger trigger) => trigger.ToString().ToLowerInvariant();

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
            Message = "Optimized repository {RepositoryId} ({Trigger}): {Actions} in {ElapsedMs} ms, because: {Reasons}")]
        public static partial void Optimized(ILogger logger, long repositoryId, string trigger, string actions, long elapsedMs, string reasons);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Housekeeping of repository {RepositoryId} failed")]
        public static partial void Failed(ILogger logger, long repositoryId, Exception exception);

        [LoggerMessage(EventId = 3204, Level = LogLevel.Debug, Message = "Repository {RepositoryId} ({Trigger}) needs no optimization")]
        public static partial void NothingToDo(ILogger logger, long repositoryId, string trigger);

        [LoggerMessage(EventId = 3205, Level = LogLevel.Information,
            Message = "Repository {RepositoryId} ({Trigger}) was not optimized: another node is working on it")]
        public static partial void HeldElsewhere(ILogger logger, long repositoryId, string trigger);

        [LoggerMessage(EventId = 3206, Level = LogLevel.Information,
            Message = "Repository {RepositoryId} ({Trigger}) was not optimized: this node stayed busy with another repository")]
        public static partial void Busy(ILogger logger, long repositoryId, string trigger);
    }
}
