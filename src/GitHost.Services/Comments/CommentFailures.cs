using GitHost.Core.Failures;

namespace GitHost.Services.Comments;

/// <summary>The comment errors Bitbucket clients match on, by exception name.</summary>
public static class CommentFailures
{
    public const string NoSuchComment = "com.atlassian.bitbucket.comment.NoSuchCommentException";
    public const string OutOfDate = "com.atlassian.bitbucket.comment.CommentOutOfDateException";
    public const string Deletion = "com.atlassian.bitbucket.comment.CommentDeletionException";
    public const string InvalidAnchor = "com.atlassian.bitbucket.comment.InvalidCommentAnchorException";

    /// <summary>Bitbucket's own limit on a comment's text.</summary>
    public const int MaxText = 32_768;

    public static GitHostException NotFound(long id) =>
        new(FailureKind.NotFound, $"Comment {id} does not exist on this pull request.", "commentId", NoSuchComment);

    public static GitHostException StaleVersion(int? given, int current) =>
        new(FailureKind.Conflict,
            given is null
                ? $"The comment's version must be given (it is {current}): read the comment again and send its version."
                : $"You are attempting to modify a comment based on out-of-date information: version {given} was given, the comment is at version {current}.",
            "version", OutOfDate)
        {
            Extra = new Dictionary<string, object?> { ["expectedVersion"] = given ?? -1, ["currentVersion"] = current },
        };

    public static GitHostException HasReplies() =>
        new(FailureKind.Conflict, "A comment with replies cannot be deleted: delete the replies first.", exceptionName: Deletion);

    public static GitHostException Anchor(string message, string context = "anchor") =>
        new(FailureKind.Invalid, message, context, InvalidAnchor);

    /// <summary>A suggestion that cannot be applied where it stands (409, as Bitbucket): the caller applies it by hand.</summary>
    public static GitHostException SuggestionNotApplicable(string reason) =>
        new(FailureKind.Conflict, $"{reason} Apply the suggestion by hand.", "commentId");

    public static string Text(string? text) =>
        string.IsNullOrWhiteSpace(text) ? throw GitHostException.Invalid("A comment needs a text.", "text")
        : text.Length > MaxText ? throw GitHostException.Invalid($"A comment is at most {MaxText} characters; this one has {text.Length}.", "text")
        : text;
}
