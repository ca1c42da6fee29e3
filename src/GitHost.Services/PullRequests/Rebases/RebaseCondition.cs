using GitHost.Services.PullRequests.Merges;

namespace GitHost.Services.PullRequests.Rebases;

/// <summary>
/// Bitbucket's <c>RestPullRequestRebaseability</c>: whether the caller can rebase the pull request now,
/// whether they may write its source branch at all, and every reason they cannot.
/// </summary>
public sealed record RebaseCondition(bool CanRebase, bool CanWrite, IReadOnlyList<MergeVeto> Vetoes);
