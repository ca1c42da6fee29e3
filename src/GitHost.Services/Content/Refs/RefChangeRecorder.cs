using System.Globalization;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.BranchPermissions;
using GitHost.Services.Outbox;
using GitHost.Services.PullRequests;

namespace GitHost.Services.Content.Refs;

/// <summary>
/// Moves a ref and records Bitbucket's <c>repo:refs_changed</c> event for it. The outbox row is
/// written in a transaction that commits only after git moved the ref, so a refused move leaves no
/// event; only a crash between the two can lose one (git cannot join a database transaction).
/// Payload, as Bitbucket's webhook sends it:
/// <c>{eventKey, date: "2024-01-02T03:04:05+0000", actor, repository, changes: [{ref: {id, displayId, type}, refId, fromHash, toHash, type}], commits, toCommit}</c>
/// (<c>commits</c>/<c>toCommit</c> absent for a deletion).
/// </summary>
public sealed class RefChangeRecorder(
    GitHostDbContext db, OutboxWriter outbox, IRefEventSubjects subjects, RefUpdater refs, TimeProvider time, IPullRequestRescoping rescoping,
    RefChangeRestrictions restrictions)
{
    public const string EventKey = "repo:refs_changed";

    /// <summary>True when git applied the change; false (nothing recorded) when the ref was not at <see cref="RefChange.FromHash"/>.</summary>
    public Task<bool> ApplyAsync(Principal principal, long repositoryId, RefChange change, CancellationToken cancellationToken) =>
        ApplyAsync(principal, repositoryId, change, null, cancellationToken);

    /// <param name="alongside">
    /// Database changes that must stand or fall with the ref move (a merge saves its pull request as
    /// MERGED here): run inside the transaction before git moves the ref, rolled back if the move is refused.
    /// </param>
    public async Task<bool> ApplyAsync(
        Principal principal, long repositoryId, RefChange change, Func<CancellationToken, Task>? alongside, CancellationToken cancellationToken)
    {
        await restrictions.DemandAsync(principal, repositoryId, change, cancellationToken);
        var payload = new Dictionary<string, object?>
        {
            ["eventKey"] = EventKey,
            ["date"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000",
            ["actor"] = await subjects.ActorAsync(principal, cancellationToken),
            ["repository"] = await subjects.RepositoryAsync(repositoryId, cancellationToken),
            ["changes"] = new[]
            {
                new
                {
                    @ref = new { id = change.RefId, displayId = change.DisplayId, type = change.RefType },
                    refId = change.RefId,
                    fromHash = change.FromHash,
                    toHash = change.ToHash,
                    type = change.Type,
                },
            },
        };
        var (commits, toCommit) = await subjects.CommitsAsync(repositoryId, change, cancellationToken);
        if (toCommit is not null)
        {
            payload["commits"] = commits;
            payload["toCommit"] = toCommit;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (alongside is not null)
        {
            await alongside(cancellationToken);
        }

        outbox.Add(EventKey, principal.UserId, payload);
        await db.SaveChangesAsync(cancellationToken);
        if (!await refs.CompareAndSwapAsync(repositoryId, change.RefId, change.ToHash, change.FromHash, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        await rescoping.RefsMovedAsync(repositoryId, [new RefMove(change.RefId, change.FromHash, change.ToHash)], principal, cancellationToken);
        return true;
    }
}
