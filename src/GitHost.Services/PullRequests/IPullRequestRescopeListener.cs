using GitHost.Core.Security;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Reacts after rescoping moved an open pull request's source or target head: re-anchoring or
/// outdating line comments, resetting approvals when the repository asks for it, looking again at
/// auto-merge. Rescoping calls every registered listener, in registration order, after its own
/// changes are saved. Register with <c>services.AddScoped&lt;IPullRequestRescopeListener, T&gt;()</c>.
/// </summary>
public interface IPullRequestRescopeListener
{
    Task RescopedAsync(PullRequestRescoped rescoped, CancellationToken cancellationToken);
}

/// <summary>One rescoping of one pull request (row id), with the heads before and after.</summary>
public sealed record PullRequestRescoped(
    long PullRequestId, long RepositoryId, string OldFromCommit, string NewFromCommit, string OldToCommit, string NewToCommit, Principal Actor)
{
    public bool SourceMoved => OldFromCommit != NewFromCommit;

    public bool TargetMoved => OldToCommit != NewToCommit;
}
