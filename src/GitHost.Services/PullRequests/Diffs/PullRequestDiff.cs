using GitHost.Services.Content.Diff;

namespace GitHost.Services.PullRequests.Diffs;

/// <summary>A pull request's diff with the comments placed on it (none without <c>withComments</c>).</summary>
public sealed record PullRequestDiff(DiffResult Diff, PullRequestTarget Target, DiffCommentPlacement Comments);
