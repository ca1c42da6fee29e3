namespace GitHost.Services.Repositories;

/// <summary>What a caller asked for when creating a repository; null members take Bitbucket's defaults.</summary>
public sealed record CreateRepository(
    string? Name, string? ScmId, string? DefaultBranch, bool? IsPublic, string? Description, bool? Forkable);

/// <summary>Null members are left unchanged. <see cref="ProjectKey"/> moves the repository.</summary>
public sealed record UpdateRepository(
    string? Name, string? Description, string? DefaultBranch, bool? IsPublic, bool? Forkable, bool? Archived, string? ProjectKey);

/// <summary>
/// A fork request. Name and default branch default to the origin's; the target project defaults to
/// the caller's personal project.
/// </summary>
public sealed record ForkRepository(string? Name, string? DefaultBranch, string? ProjectKey, string? ScmId);
