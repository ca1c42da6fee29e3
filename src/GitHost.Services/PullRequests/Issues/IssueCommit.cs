using GitHost.Services.Content.Changes;
using GitHost.Services.Content.Commits;
using GitHost.Services.Permissions;

namespace GitHost.Services.PullRequests.Issues;

/// <summary>A commit that mentions an issue key, in the repository it was found in, with its first changes.</summary>
public sealed record IssueCommit(RepositoryWithProject Repository, CommitView Commit, ChangePage Changes);
