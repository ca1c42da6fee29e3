namespace GitHost.Data.Repositories;

/// <summary>
/// A Git repository. Its bare repository lives on disk under <c>shared/repos/{Id}</c>, so renames
/// and moves between projects only touch this row.
/// </summary>
public sealed class RepositoryEntity
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public string Slug { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Short branch name, e.g. <c>main</c>.</summary>
    public string DefaultBranch { get; set; } = "main";

    public bool Forkable { get; set; } = true;

    public bool IsPublic { get; set; }

    public bool Archived { get; set; }

    public RepositoryState State { get; set; }

    /// <summary>Shared by a repository and all its forks.</summary>
    public string HierarchyId { get; set; } = "";

    public long? OriginId { get; set; }

    public long CreatedDate { get; set; }

    /// <summary>
    /// Changes whenever a pull request into this repository is opened, changes state or is deleted,
    /// in the same transaction: a node may reuse the ids of a listed state while it is unchanged.
    /// </summary>
    public long PullRequestListStamp { get; set; }
}
