using GitHost.Core.PullRequests;

namespace GitHost.Data.Comments;

/// <summary>
/// A comment on a pull request (<see cref="PullRequestId"/>) or on a commit (<see cref="CommitId"/>),
/// general or anchored to a file or line of a diff. Replies point at their <see cref="ParentId"/>;
/// <see cref="RootId"/> names the thread's first comment (null on the first comment itself).
/// A BLOCKER comment is a task.
/// </summary>
public sealed class CommentEntity
{
    public long Id { get; set; }

    public int Version { get; set; }

    public long RepositoryId { get; set; }

    public long? PullRequestId { get; set; }

    public string? CommitId { get; set; }

    public long? ParentId { get; set; }

    public long? RootId { get; set; }

    /// <summary>No foreign key: a comment outlives its author's account.</summary>
    public long AuthorId { get; set; }

    public string Text { get; set; } = "";

    public CommentSeverity Severity { get; set; }

    public CommentState State { get; set; }

    public long CreatedDate { get; set; }

    public long UpdatedDate { get; set; }

    public long? ResolvedDate { get; set; }

    public long? ResolverId { get; set; }

    public bool ThreadResolved { get; set; }

    public long? ThreadResolvedDate { get; set; }

    public long? ThreadResolverId { get; set; }

    /// <summary>The diff anchor, or null for a general comment.</summary>
    public CommentAnchor? Anchor { get; set; }
}
