namespace GitHost.Web.PullRequests;

/// <summary>
/// What the forms of a pull request page post: the action and whatever it needs. One model for all
/// of them, since a page binds one form per request and each form says which action it is.
/// </summary>
public sealed class PullRequestInput
{
    public string? Action { get; set; }

    public string? Text { get; set; }

    public long? ParentId { get; set; }

    public string? Path { get; set; }

    public int? Line { get; set; }

    public string? LineType { get; set; }

    public string? FileType { get; set; }

    public bool Task { get; set; }

    public long? CommentId { get; set; }

    public int? CommentVersion { get; set; }

    public int? SuggestionIndex { get; set; }

    public string? Strategy { get; set; }

    public int? Version { get; set; }

    /// <summary>The source commit the page showed: approving a newer one than you saw is refused.</summary>
    public string? Commit { get; set; }
}
