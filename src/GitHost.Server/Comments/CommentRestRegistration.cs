namespace GitHost.Server.Comments;

/// <summary>Comments, tasks and markup over REST.</summary>
internal static class CommentRestRegistration
{
    public static RouteGroupBuilder MapCommentEndpoints(this RouteGroupBuilder api) => api
        .MapPullRequestCommentEndpoints()
        .MapApplySuggestionEndpoints()
        .MapPullRequestReviewEndpoints()
        .MapCommitCommentEndpoints()
        .MapMarkupEndpoints();
}
