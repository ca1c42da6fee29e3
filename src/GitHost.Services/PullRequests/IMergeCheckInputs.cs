namespace GitHost.Services.PullRequests;

/// <summary>
/// Told when something a merge check reads has changed (a review, a task, a build status, an
/// Insights report), so auto-merge can look again. Callers call it after saving their change.
/// </summary>
public interface IMergeCheckInputs
{
    /// <summary>Something about this pull request (row id) changed: a review, a task, a comment.</summary>
    Task PullRequestChangedAsync(long pullRequestId, CancellationToken cancellationToken);

    /// <summary>Something about this commit changed (a build status or Insights report): every open pull request whose source head it is.</summary>
    Task CommitChangedAsync(string commitId, CancellationToken cancellationToken);
}

/// <summary>Until auto-merge is built: nobody is waiting for checks to pass.</summary>
public sealed class NoMergeCheckInputs : IMergeCheckInputs
{
    public Task PullRequestChangedAsync(long pullRequestId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CommitChangedAsync(string commitId, CancellationToken cancellationToken) => Task.CompletedTask;
}
