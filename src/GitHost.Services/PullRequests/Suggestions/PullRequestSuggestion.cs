using GitHost.Services.Permissions;

namespace GitHost.Services.PullRequests.Suggestions;

/// <summary>
/// A branch the caller changed that has no open pull request yet: when (epoch ms), the change as it
/// was recorded, and the repository with its default branch, the suggested target.
/// </summary>
public sealed record PullRequestSuggestion(long ChangeTime, SuggestedRefChange Change, RepositoryWithProject Repository);

/// <summary>One ref change of a recorded <c>repo:refs_changed</c> event (ADD or UPDATE of a branch).</summary>
public sealed record SuggestedRefChange(string RefId, string DisplayId, string FromHash, string ToHash, string Type);
