using GitHost.Core.Builds;

namespace GitHost.Data.Builds;

/// <summary>
/// A build result posted for a commit. <see cref="RepositoryId"/> is the repository it was posted
/// to, or null for the legacy <c>/rest/build-status/1.0</c> API, whose statuses belong to the commit
/// in every repository. The same key on the same commit (and repository) replaces the earlier status.
/// </summary>
public sealed class BuildStatusEntity
{
    public long Id { get; set; }

    public long? RepositoryId { get; set; }

    public string CommitId { get; set; } = "";

    public string Key { get; set; } = "";

    public BuildState State { get; set; }

    public string Url { get; set; } = "";

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? BuildNumber { get; set; }

    public string? Parent { get; set; }

    public string? Ref { get; set; }

    public long? Duration { get; set; }

    public int? TestsSuccessful { get; set; }

    public int? TestsFailed { get; set; }

    public int? TestsSkipped { get; set; }

    public long CreatedDate { get; set; }

    public long UpdatedDate { get; set; }
}
