using System.ComponentModel.DataAnnotations;

namespace GitHost.Services.PullRequests.Listing;

/// <summary><c>GitHost:PullRequests:Lists</c>: the ids each node keeps to page a repository's pull requests.</summary>
public sealed class PullRequestListOptions
{
    public const string SectionName = "GitHost:PullRequests:Lists";

    /// <summary>
    /// Pull-request ids kept in memory across all repositories (8 bytes each); the least recently
    /// used lists go first. 0 turns the lists off: every page walks the database's index to its offset.
    /// </summary>
    [Range(0, 100_000_000)]
    public int MaxCachedIds { get; set; } = 2_000_000;

    /// <summary>A list nobody paged for this long is dropped.</summary>
    [Range(1, 86_400)]
    public int IdleSeconds { get; set; } = 600;
}
