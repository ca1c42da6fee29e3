namespace GitHost.Data.PullRequests;

/// <summary>A user notified of a pull request's activity (authors, reviewers and commenters watch by default).</summary>
public sealed class PullRequestWatcherEntity
{
    public long PullRequestId { get; set; }

    public long UserId { get; set; }
}
