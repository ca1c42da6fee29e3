using System.Globalization;
using GitHost.Data;
using GitHost.Services.Common;
using GitHost.Services.Outbox;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Git;

/// <summary>
/// The post-receive step: one <c>repo:refs_changed</c> outbox event for the whole push, in Bitbucket's
/// payload shape, and the lines the pusher sees (a "Create pull request" link per new branch). The event
/// is recorded once: with the removal of the push's <see cref="PendingPushes"/> row, so that a push
/// recovered after its node died is not recorded again by a late post-receive, and the other way round.
/// </summary>
public sealed partial class RefsChangedRecorder(
    GitHostDbContext db, OutboxWriter outbox, EpochClock clock, HousekeepingQueue housekeeping, PendingPushes pending,
    ILogger<RefsChangedRecorder> logger, Audit.PushAudit audit)
{
    public const string EventKey = "repo:refs_changed";

    /// <param name="actor">The pusher as Bitbucket's RestUser JSON (null for a project or repository token).</param>
    /// <param name="repository">The repository as the REST API shows it (RestRepository JSON).</param>
    /// <param name="commits">The newest commits the push brought (RestCommit JSON list), null for none.</param>
    /// <param name="toCommit">The head the first created or updated ref now points at (RestCommit JSON), null for none.</param>
    public async Task<IReadOnlyList<string>> RecordAsync(
        PushTarget push, IReadOnlyList<RefUpdate> updates, object? actor, object repository, CancellationToken cancellationToken,
        object? commits = null, object? toCommit = null)
    {
        if (updates.Count == 0)
        {
            return [];
        }

        var audited = await audit.ClassifyAsync(push, updates, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await pending.TakeAsync(push.Session.Id, cancellationToken))
            {
                Log.AlreadyRecorded(logger, push.Session.RepositoryId, push.Session.Id[..12]);
                return [];
            }

            outbox.Add(EventKey, push.Session.Principal.UserId, new RefsChangedPayload(
                EventKey, BitbucketDate(clock.NowMs()), actor, repository, updates.Select(ToChange).ToList(), commits, toCommit));
            audit.Record(push, audited);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        housekeeping.Enqueue(push.Session.RepositoryId);
        Log.Recorded(logger, push.Session.RepositoryId, push.Session.Principal.UserId, updates.Count, push.Session.Protocol);
        return CreatePullRequestLines(push, updates);
    }

    /// <summary>Bitbucket's webhook date: <c>2017-09-19T09:45:32+0000</c> (offset without a colon).</summary>
    public static string BitbucketDate(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";

    private static RefChange ToChange(RefUpdate update) => new(
        new RefChangeRef(update.RefName, update.DisplayId, update.IsTag ? "TAG" : "BRANCH"),
        update.RefName,
        update.OldId,
        update.NewId,
        update.IsCreate ? "ADD" : update.IsDelete ? "DELETE" : "UPDATE");

    /// <summary>What Bitbucket prints after pushing a new branch, so the pusher can open a pull request in one click.</summary>
    private static IReadOnlyList<string> CreatePullRequestLines(PushTarget push, IReadOnlyList<RefUpdate> updates)
    {
        var project = push.Repository.Project;
        var repositoryPath = project.Key.StartsWith('~')
            ? $"/users/{project.Key[1..].ToLowerInvariant()}/repos/{push.Repository.Repository.Slug}"
            : $"/projects/{project.Key}/repos/{push.Repository.Repository.Slug}";
        var lines = new List<string>();
        foreach (var update in updates.Where(u => u.IsCreate && u.IsBranch && u.DisplayId != push.Repository.Repository.DefaultBranch))
        {
            lines.Add("");
            lines.Add($"Create pull request for {update.DisplayId}:");
            lines.Add($"  {push.Session.BaseUrl}{repositoryPath}/pull-requests?create&sourceBranch={Uri.EscapeDataString(update.RefName)}");
            lines.Add("");
        }

        return lines;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
            Message = "Push to {RepositoryId} by {UserId} over {Protocol} changed {RefCount} refs")]
        public static partial void Recorded(ILogger logger, long repositoryId, long? userId, int refCount, string protocol);

        [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
            Message = "Push {PushId} to {RepositoryId} was already recorded by its recovery; its post-receive records nothing")]
        public static partial void AlreadyRecorded(ILogger logger, long repositoryId, string pushId);
    }
}
