using GitHost.Data;
using GitHost.Data.Outbox;
using GitHost.Data.Pipelines;
using GitHost.Pipelines.Triggers;
using GitHost.Services.Common;
using GitHost.Services.Pipelines.Runners;
using GitHost.Services.Pipelines.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Pipelines.Triggers;

/// <summary>
/// Takes outbox events in order and records the pipelines they start. Each event's pipelines and its
/// "taken" mark are saved together, so a crash replays the event and never runs it twice.
/// </summary>
public sealed partial class PipelineTriggerConsumer(
    GitHostDbContext db, PipelineStarter starter, PipelineFileReader files, PipelineBuildStatus statuses, PipelineQueueSignal queue, EpochClock clock,
    IOptionsMonitor<PipelineSchedulerOptions> options, ILogger<PipelineTriggerConsumer> logger)
{
    /// <summary>The number of events taken (a full batch means more may wait).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var batch = await db.OutboxMessages.AsNoTracking().Where(m => m.PipelinesProcessedDate == null).OrderBy(m => m.Id)
            .Take(options.CurrentValue.BatchSize).ToListAsync(cancellationToken);
        foreach (var message in batch)
        {
            await TakeAsync(message, cancellationToken);
        }

        return batch.Count;
    }

    private async Task TakeAsync(OutboxMessageEntity message, CancellationToken cancellationToken)
    {
        // A lost race for a build number (a pipeline run by hand at the same moment) is worth one more try;
        // an event that fails twice is marked taken on its own, so it cannot hold up every event behind it.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var started = options.CurrentValue.Enabled && attempt < 3 ? await StartAllAsync(message, cancellationToken) : [];
            bool claimed;
            try
            {
                claimed = await SaveClaimedAsync(message.Id, cancellationToken);
            }
            catch (DbUpdateException e)
            {
                Log.SaveFailed(logger, e, message.Id, attempt);
                db.ChangeTracker.Clear();
                continue;
            }

            if (!claimed)
            {
                // Another node took the event first (its round overlapped this one): its pipelines count, these were never saved.
                db.ChangeTracker.Clear();
                Log.TakenElsewhere(logger, message.Id);
                return;
            }

            queue.PulseIfReady(started);
            foreach (var pipeline in started)
            {
                await statuses.ReportAsync(pipeline, cancellationToken);
                Log.Recorded(logger, pipeline.RepositoryId, pipeline.BuildNumber, pipeline.Selector, pipeline.Pattern, pipeline.Steps.Count, pipeline.State);
            }

            return;
        }
    }

    /// <summary>
    /// Saves the event's pipelines and marks it taken in one transaction, the mark last and only if the
    /// event is still untaken, so that of two nodes taking the same event one saves and the other rolls back.
    /// </summary>
    private async Task<bool> SaveClaimedAsync(long messageId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var now = clock.NowMs();
        if (await db.OutboxMessages.Where(m => m.Id == messageId && m.PipelinesProcessedDate == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.PipelinesProcessedDate, now), cancellationToken) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<List<PipelineEntity>> StartAllAsync(OutboxMessageEntity message, CancellationToken cancellationToken)
    {
        var started = new List<PipelineEntity>();
        foreach (var trigger in TriggerEventReader.Read(message))
        {
            try
            {
                if (!await db.Repositories.AnyAsync(r => r.Id == trigger.RepositoryId, cancellationToken))
                {
                    continue;
                }

                if (await StartAsync(trigger, cancellationToken) is { } pipeline)
                {
                    started.Add(pipeline);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One repository's broken state must not hold up everyone's pipelines behind it.
                Log.TriggerFailed(logger, e, message.Id, trigger.RepositoryId);
            }
        }

        return started;
    }

    private Task<PipelineEntity?> StartAsync(TriggerEvent trigger, CancellationToken cancellationToken) => trigger switch
    {
        RefMovedEvent moved => starter.StartAsync(
            new PipelineRequest(moved.RepositoryId, moved.ToHash, moved.IsTag ? "tag" : "branch", moved.Name, PipelineTrigger.Push, moved.ActorUserId,
                ChangedFromCommit: moved.FromHash),
            file => moved.IsTag ? PipelineSelector.ForTag(file, moved.Name) : PipelineSelector.ForBranch(file, moved.Name),
            honourSkip: true, cancellationToken),
        PullRequestSourceEvent pr => starter.StartAsync(
            new PipelineRequest(pr.RepositoryId, pr.SourceCommit, "branch", pr.SourceBranch, PipelineTrigger.PullRequest, pr.ActorUserId,
                ChangedFromCommit: pr.DestinationCommit is null ? null : files.MergeBase(pr.RepositoryId, pr.SourceCommit, pr.DestinationCommit),
                PullRequestNumber: pr.Number, PullRequestDestinationBranch: pr.DestinationBranch),
            file => PipelineSelector.ForPullRequest(file, pr.SourceBranch),
            honourSkip: true, cancellationToken),
        _ => Task.FromResult<PipelineEntity?>(null),
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Pipeline #{BuildNumber} of repository {RepositoryId} recorded ({Selector} {Pattern}, {StepCount} steps, {State})")]
        public static partial void Recorded(ILogger logger, long repositoryId, int buildNumber, string selector, string? pattern, int stepCount, PipelineState state);

        [LoggerMessage(EventId = 7111, Level = LogLevel.Error, Message = "Outbox event {MessageId} could not start pipelines in repository {RepositoryId}")]
        public static partial void TriggerFailed(ILogger logger, Exception exception, long messageId, long repositoryId);

        [LoggerMessage(EventId = 7113, Level = LogLevel.Information, Message = "Outbox event {MessageId} was taken by another node first; this node's pipelines for it are dropped")]
        public static partial void TakenElsewhere(ILogger logger, long messageId);

        [LoggerMessage(EventId = 7112, Level = LogLevel.Warning, Message = "Saving the pipelines of outbox event {MessageId} failed (attempt {Attempt} of 3; the third takes the event without pipelines)")]
        public static partial void SaveFailed(ILogger logger, Exception exception, long messageId, int attempt);
    }
}
