using GitHost.Data.Comments;

namespace GitHost.Web.PullRequests;

/// <summary>
/// What a viewer who may write the source branch needs to apply a comment's suggestion: the source head
/// the page shows and the pull request's version. Null on a page for anyone who may not, so no button shows.
/// </summary>
public sealed record SuggestionTarget(string SourceHead, int PullRequestVersion)
{
    /// <summary>
    /// The service's own rule, asked here so the page offers only what will work: a line of the TO side of
    /// the effective diff made on the head the pull request has now.
    /// </summary>
    public bool Applies(CommentEntity comment) =>
        comment.Anchor is { Line: not null, FileType: "TO", DiffType: "EFFECTIVE", Orphaned: false } anchor && anchor.ToHash == SourceHead;
}
