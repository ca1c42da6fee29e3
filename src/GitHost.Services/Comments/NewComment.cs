using GitHost.Core.Failures;
using GitHost.Core.PullRequests;
using GitHost.Data.Comments;

namespace GitHost.Services.Comments;

/// <summary>A new comment or reply, as pull request and commit comments both make it.</summary>
internal static class NewComment
{
    /// <summary>A reply sits where the comment it answers sits, so it cannot be anchored itself.</summary>
    public static void DemandParentOrAnchor(CommentEntity? parent, CommentInput input)
    {
        if (parent is not null && input.Anchor is not null)
        {
            throw GitHostException.Invalid("A reply takes its place from the comment it answers: give a parent or an anchor, not both.", "anchor");
        }
    }

    /// <summary>The row, in its thread (a reply's root is its parent's root); the caller says what it is on.</summary>
    public static CommentEntity Create(
        long repositoryId, CommentEntity? parent, long authorId, string text, CommentSeverity severity, CommentState state, CommentAnchor? anchor, long now) => new()
    {
        RepositoryId = repositoryId,
        ParentId = parent?.Id,
        RootId = parent is null ? null : parent.RootId ?? parent.Id,
        AuthorId = authorId,
        Text = text,
        Severity = severity,
        State = state,
        CreatedDate = now,
        UpdatedDate = now,
        Anchor = anchor,
    };
}
