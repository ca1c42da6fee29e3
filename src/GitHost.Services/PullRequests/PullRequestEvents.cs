using GitHost.Core.Security;
using GitHost.Services.Common;
using GitHost.Services.Git;
using GitHost.Services.Outbox;
using GitHost.Services.Audit;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Writes pull request events to the outbox in Bitbucket's webhook shape:
/// <c>{eventKey, date, actor, pullRequest, ...}</c> plus what the event adds (<c>previousTitle</c>,
/// <c>addedReviewers</c>, <c>participant</c>, <c>comment</c>...). Committed with the change by the
/// caller's SaveChanges.
/// </summary>
public sealed class PullRequestEvents(OutboxWriter outbox, IPullRequestEventSubjects subjects, EpochClock clock, AuditWriter audit)
{
    public const string Opened = "pr:opened";
    public const string Modified = "pr:modified";
    public const string ReviewerUpdated = "pr:reviewer:updated";
    public const string ReviewerApproved = "pr:reviewer:approved";
    public const string ReviewerUnapproved = "pr:reviewer:unapproved";
    public const string ReviewerNeedsWork = "pr:reviewer:needs_work";
    public const string Merged = "pr:merged";
    public const string Declined = "pr:declined";
    public const string Reopened = "pr:opened";
    public const string Deleted = "pr:deleted";
    public const string FromRefUpdated = "pr:from_ref_updated";
    public const string ToRefUpdated = "pr:to_ref_updated";
    public const string CommentAdded = "pr:comment:added";
    public const string CommentEdited = "pr:comment:edited";
    public const string CommentDeleted = "pr:comment:deleted";

    public IPullRequestEventSubjects Subjects => subjects;

    public Task AddAsync(string eventKey, Principal actor, PullRequestView view, CancellationToken cancellationToken) =>
        AddAsync(eventKey, actor, view, null, cancellationToken);

    /// <param name="extra">The event's own members (anonymous object or dictionary); null for none.</param>
    public async Task AddAsync(
        string eventKey, Principal actor, PullRequestView view, IReadOnlyDictionary<string, object?>? extra, CancellationToken cancellationToken)
    {
        var payload = new Dictionary<string, object?>
        {
            ["eventKey"] = eventKey,
            ["date"] = RefsChangedRecorder.BitbucketDate(clock.NowMs()),
            ["actor"] = await subjects.ActorAsync(actor, cancellationToken),
            ["pullRequest"] = subjects.PullRequest(view),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            payload[key] = value;
        }

        outbox.Add(eventKey, actor.UserId, payload);
        audit.RecordPullRequestEvent(eventKey, view);
    }
}
