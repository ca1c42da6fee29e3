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
    public async Task RecordAsync(PushTarget push, IReadOnlyList<RefUpdate> updates, CancellationToken cancellationToken)
    {
        var repository = push.Repository.Repository;
        var project = push.Repository.Project;
        foreach (var update in updates.Where(u => !u.IsCreate))
        {
            // The old commit is still in the object store right after the push, so ancestry can be asked.
            var action = update.IsDelete ? AuditAction.RefDeleted
                : !await git.IsAncestorAsync(repository.Id, update.OldId, update.NewId, cancellationToken) ? AuditAction.RefForcePushed
                : null;
            if (action is not null)
            {
                audit.Record(action, AuditSubject.InRepository("REF", update.RefName, update.DisplayId, repository, project),
                    before: new { refId = update.RefName, commit = update.OldId },
                    after: update.IsDelete ? null : new { refId = update.RefName, commit = update.NewId });
            }
        }
    }
}
