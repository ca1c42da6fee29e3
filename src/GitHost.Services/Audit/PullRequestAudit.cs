using GitHost.Services.PullRequests;

namespace GitHost.Services.Audit;

/// <summary>Which pull request events are audited (merges and declines), called where every pull request event is written.</summary>
public static class PullRequestAudit
{
    public static void RecordPullRequestEvent(this AuditWriter audit, string eventKey, PullRequestView view)
    {
        var action = eventKey switch
        {
            PullRequestEvents.Merged => AuditAction.PullRequestMerged,
            PullRequestEvents.Declined => AuditAction.PullRequestDeclined,
            _ => null,
        };
        if (action is null)
        {
            return;
        }

        var pullRequest = view.PullRequest;
        audit.Record(action,
            AuditSubject.InRepository("PULL_REQUEST", AuditSubject.Text(pullRequest.Number), pullRequest.Title, view.Target.Repository, view.Target.Project),
            after: new { id = pullRequest.Number, pullRequest.Title, fromRef = pullRequest.FromRef, toRef = pullRequest.ToRef, state = pullRequest.State.ToString().ToUpperInvariant() });
    }
}
