using GitHost.Services.Git;
using GitHost.Services.PullRequests;

namespace GitHost.Services.Audit;

/// <summary>
/// The audited part of a push, seen after it landed (post-receive): every ref deleted, and every
/// ref moved to a commit that does not contain its old one (a forced push rewrote history).
/// Fast-forwards and creations are ordinary work and are not audited.
/// </summary>
public sealed class PushAudit(AuditWriter audit, PullRequestGit git)
{
    /// <summary>The updates to audit, with their action. Asks git, so callers do it before they open a transaction.</summary>
    public async Task<IReadOnlyList<(RefUpdate Update, AuditAction Action)>> ClassifyAsync(
        PushTarget push, IReadOnlyList<RefUpdate> updates, CancellationToken cancellationToken)
    {
        var audited = new List<(RefUpdate, AuditAction)>();
        foreach (var update in updates.Where(u => !u.IsCreate))
        {
            // The old commit is still in the object store right after the push, so ancestry can be asked.
            var action = update.IsDelete ? AuditAction.RefDeleted
                : !await git.IsAncestorAsync(push.Session.RepositoryId, update.OldId, update.NewId, cancellationToken) ? AuditAction.RefForcePushed
                : null;
            if (action is not null)
            {
                audited.Add((update, action));
            }
        }

        return audited;
    }

    /// <summary>Adds the records to the unit of work, attributed to the pusher and the pusher's address.</summary>
    public void Record(PushTarget push, IReadOnlyList<(RefUpdate Update, AuditAction Action)> audited)
    {
        var repository = push.Repository.Repository;
        var project = push.Repository.Project;
        var origin = AuditOrigin.ForPush(push.Session);
        foreach (var (update, action) in audited)
        {
            audit.Record(origin, action, AuditSubject.InRepository("REF", update.RefName, update.DisplayId, repository, project),
                before: new { refId = update.RefName, commit = update.OldId },
                after: update.IsDelete ? null : new { refId = update.RefName, commit = update.NewId });
        }
    }
}
