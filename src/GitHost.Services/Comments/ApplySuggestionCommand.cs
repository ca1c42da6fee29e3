namespace GitHost.Services.Comments;

/// <summary>Bitbucket's RestApplySuggestionRequest: the versions the caller saw, which suggestion, and the commit message.</summary>
public sealed record ApplySuggestionCommand(int? CommentVersion, int? PullRequestVersion, int? SuggestionIndex, string? CommitMessage);
