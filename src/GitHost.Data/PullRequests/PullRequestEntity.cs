using GitHost.Core.PullRequests;

namespace GitHost.Data.PullRequests;

/// <summary>
/// A pull request, owned by its target repository. <see cref="Id"/> is the row's key;
/// <see cref="Number"/> is the id users and REST see, counted per target repository from 1.
/// From and to hashes are what the pull request was last scoped to; they move when either branch
/// is pushed (rescoping).
/// </summary>
public sealed class PullRequestEntity
{
    public long Id { get; set; }

    public long RepositoryId { get; set; }

    public long Number { get; set; }

    /// <summary>Optimistic lock: starts at 0, bumped by every change a client must not overwrite.</summary>
    public int Version { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public PullRequestState State { get; set; }

    public bool Draft { get; set; }

    /// <summary>The author's user id; no foreign key: a pull request outlives its author's account.</summary>
    public long AuthorId { get; set; }

    /// <summary>The source repository: the target itself, or a fork in the same hierarchy.</summary>
    public long FromRepositoryId { get; set; }

    /// <summary>Full ref name, e.g. <c>refs/heads/feature</c>.</summary>
    public string FromRef { get; set; } = "";

    public string FromCommit { get; set; } = "";

    public string ToRef { get; set; } = "";

    public string ToCommit { get; set; } = "";

    /// <summary>The commit the merge produced (or the source head for a fast-forward); set when merged.</summary>
    public string? MergeCommit { get; set; }

    public long CreatedDate { get; set; }

    public long UpdatedDate { get; set; }

    public long? ClosedDate { get; set; }
}
