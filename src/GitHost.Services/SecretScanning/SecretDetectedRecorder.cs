using GitHost.Data;
using GitHost.Services.Audit;
using GitHost.Services.Common;
using GitHost.Services.Git;
using GitHost.Services.Outbox;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Records a push's findings: one <c>repo:secret_detected</c> outbox event (Bitbucket's key and
/// <c>secretLocations</c> shape) and the metric. Written whether or not the push was rejected: a
/// secret that reached the server must be rotated either way.
/// </summary>
public sealed class SecretDetectedRecorder(GitHostDbContext db, OutboxWriter outbox, AuditWriter audit, EpochClock clock, SecretScanningMetrics metrics)
{
    public const string EventKey = "repo:secret_detected";

    public async Task RecordAsync(PushTarget push, IReadOnlyList<SecretFinding> findings, CancellationToken cancellationToken)
    {
        var repository = new
        {
            id = push.Repository.Repository.Id,
            slug = push.Repository.Repository.Slug,
            name = push.Repository.Repository.Name,
            project = new { id = push.Repository.Project.Id, key = push.Repository.Project.Key, name = push.Repository.Project.Name },
        };
        var principal = push.Session.Principal;
        outbox.Add(EventKey, principal.UserId, new
        {
            eventKey = EventKey,
            date = RefsChangedRecorder.BitbucketDate(clock.NowMs()),
            actor = principal.UserId is { } id ? new { id, name = principal.UserName } : null,
            repository,
            secretLocations = findings.Select(f => new { commitId = f.CommitId, path = f.Path, line = f.Line, repository, ruleName = f.RuleName }).ToList(),
        });
        // Locations and rule names only: the secret itself is never stored, not even in the audit log.
        audit.Record(AuditAction.SecretDetected, AuditSubject.Repository(push.Repository.Repository, push.Repository.Project), after: new
        {
            findings = findings.Select(f => new { commitId = f.CommitId, path = f.Path, line = f.Line, ruleName = f.RuleName }).ToList(),
        });
        await db.SaveChangesAsync(cancellationToken);
        foreach (var finding in findings)
        {
            metrics.Found(finding);
        }
    }
}
