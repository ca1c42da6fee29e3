using GitHost.Data.PullRequests;

namespace GitHost.Data.ReviewerGroups;

/// <summary>
/// A named set of users that pull request authors add as reviewers in one go, at project or
/// repository scope (Bitbucket's reviewer groups). <see cref="ScopeType"/> and <see cref="ScopeId"/>
/// name the scope for the unique name; <see cref="ProjectId"/> and <see cref="RepositoryId"/> are the
/// foreign keys that take a group with its project or repository.
/// </summary>
public sealed class ReviewerGroupEntity
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 1024;

    public long Id { get; set; }

    public SettingsScope ScopeType { get; set; }

    /// <summary>The project's id for project scope, the repository's for repository scope.</summary>
    public long ScopeId { get; set; }

    public long ProjectId { get; set; }

    /// <summary>Set only for repository scope.</summary>
    public long? RepositoryId { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public List<ReviewerGroupUserEntity> Users { get; set; } = [];
}

/// <summary>A user of a reviewer group.</summary>
public sealed class ReviewerGroupUserEntity
{
    public long GroupId { get; set; }

    public long UserId { get; set; }
}
