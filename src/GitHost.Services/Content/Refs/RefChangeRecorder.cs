using System.Globalization;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Audit;
using GitHost.Services.BranchPermissions;
using GitHost.Services.Outbox;
using GitHost.Services.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Content.Refs;

/// <summary>
/// Moves a ref and records Bitbucket's <c>repo:refs_changed</c> event for it. A refused move leaves
/// no event, and an event that cannot be saved undoes the move; only a crash between the two can
/// lose one (git cannot join a database transaction).
/// Payload, as Bitbucket's webhook sends it:
/// <c>{eventKey, date: "2024-01-02T03:04:05+0000", actor, repository, changes: [{ref: {id, displayId, type}, refId, fromHash, toHash, type}], commits, toCommit}</c>
/// (<c>commits</c>/<c>toCommit</c> absent for a deletion). A deletion is also audited (<c>ref.deleted</c>),
/// as one by push is (<see cref="PushAudit"/>), in the same save as its event.
/// </summary>
public sealed class RefChangeRecorder(
    GitHostDbContext db, OutboxWriter outbox, IRefEventSubjects subjects, RefUpdater refs, TimeProvider time, IPullRequestRescoping rescoping,
    RefChangeRestrictions restrictions, AuditWriter audit)
{
    public const string EventKey = "repo:refs_changed";

    /// <summary>True when git applied the change; false (nothing recorded) when the ref was not at <see cref="RefChange.FromHash"/>.</summary>
    public Task<bool> ApplyAsync(Principal principal, long repositoryId, RefChange change, CancellationToken cancellationToken) =>
        ApplyAsync(principal, repositoryId, change, null, cancellationToken);

    /// <param name="alongside">
    /// Database changes that must stand or fall with the ref move (a merge saves its pull request as
    /// MERGED here): run inside a transaction before git moves the ref, rolled back if the move is refused.
    /// Without them, git moves the ref first and the event is saved after it.
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

        var deletion = change.Type == "DELETE" ? await DeletionSubjectAsync(repositoryId, change, cancellationToken) : null;
        var moved = alongside is null
            ? await MoveThenRecordAsync(principal, repositoryId, change, payload, deletion, cancellationToken)
            : await RecordWithMoveAsync(principal, repositoryId, change, payload, deletion, alongside, cancellationToken);
        if (!moved)
        {
            return false;
        }

        await rescoping.RefsMovedAsync(repositoryId, [new RefMove(change.RefId, change.FromHash, change.ToHash)], principal, cancellationToken);
        return true;
    }

    /// <summary>
    /// A plain ref change: git moves the ref first, then the event is saved, as for a push (whose
    /// event is recorded after git moved its refs). No database lock is held while git runs: on
    /// SQLite the write lock held across the git process made every other writer (the webhook
    /// dispatcher's bookkeeping above all) wait behind each REST ref change. If the event cannot be
    /// saved, the ref is moved back, so a change is never published without its event.
    /// </summary>
    private async Task<bool> MoveThenRecordAsync(
        Principal principal, long repositoryId, RefChange change, Dictionary<string, object?> payload, AuditSubject? deletion, CancellationToken cancellationToken)
    {
        if (!await refs.CompareAndSwapAsync(repositoryId, change.RefId, change.ToHash, change.FromHash, cancellationToken))
        {
            return false;
        }

        try
        {
            outbox.Add(EventKey, principal.UserId, payload);
            AuditDeletion(change, deletion);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch
        {
            db.ChangeTracker.Clear();
            // Not cancellable: the move must be undone even when the request was cancelled mid-save.
            await refs.CompareAndSwapAsync(repositoryId, change.RefId, change.FromHash, change.ToHash, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// A change whose database writes must stand or fall with it (a merge): they and the event are
    /// saved in a transaction that commits only after git moved the ref, so a refused move (or a
    /// stale pull request version) leaves neither.
    /// </summary>
    private async Task<bool> RecordWithMoveAsync(
        Principal principal, long repositoryId, RefChange change, Dictionary<string, object?> payload, AuditSubject? deletion,
        Func<CancellationToken, Task> alongside, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await alongside(cancellationToken);
        outbox.Add(EventKey, principal.UserId, payload);
        AuditDeletion(change, deletion);
        await db.SaveChangesAsync(cancellationToken);
        if (!await refs.CompareAndSwapAsync(repositoryId, change.RefId, change.ToHash, change.FromHash, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Read before git runs; recorded only once the ref has moved, so a refused deletion leaves no record.</summary>
    private async Task<AuditSubject> DeletionSubjectAsync(long repositoryId, RefChange change, CancellationToken cancellationToken)
    {
        var target = await (from r in db.Repositories.AsNoTracking()
                            join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
                            where r.Id == repositoryId
                            select new { Repository = r, Project = p }).SingleAsync(cancellationToken);
        return AuditSubject.InRepository("REF", change.RefId, change.DisplayId, target.Repository, target.Project);
    }

    private void AuditDeletion(RefChange change, AuditSubject? deletion)
    {
        if (deletion is not null)
        {
            audit.Record(AuditAction.RefDeleted, deletion, before: new { refId = change.RefId, commit = change.FromHash });
        }
    }
}
