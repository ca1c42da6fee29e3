using GitHost.Core.PullRequests;

namespace GitHost.Data.PullRequests;

/// <summary>
/// One entry of a pull request's activity stream. What is particular to an action (rescoped hashes
/// and commits, reviewers added or removed, the merge commit, the comment action) is kept as JSON in
/// <see cref="Details"/>, so new actions need no schema change.
/// </summary>
public sealed class PullRequestActivityEntity
{
    public long Id { get; set; }

    public long PullRequestId { get; set; }

    public long CreatedDate { get; set; }

    public long? UserId { get; set; }

    public PullRequestAction Action { get; set; }

    public long? CommentId { get; set; }

    public string? Details { get; set; }
}
