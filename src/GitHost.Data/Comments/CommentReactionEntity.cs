namespace GitHost.Data.Comments;

/// <summary>One user's emoticon on one comment (<c>thumbsup</c>, <c>heart</c>, ...).</summary>
public sealed class CommentReactionEntity
{
    public long CommentId { get; set; }

    public long UserId { get; set; }

    public string Emoticon { get; set; } = "";

    public long CreatedDate { get; set; }
}
