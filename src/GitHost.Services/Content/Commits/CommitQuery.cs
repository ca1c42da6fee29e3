namespace GitHost.Services.Content.Commits;

/// <summary>
/// The filters of <c>GET .../commits</c>: history from <see cref="Until"/> (default branch when null)
/// back to, excluding, <see cref="Since"/>; only commits touching <see cref="Path"/>; merge filtering;
/// <see cref="IgnoreMissing"/> turns an unknown until/since into an empty page instead of a 404.
/// </summary>
public sealed record CommitQuery(
    string? Until, string? Since, string? Path, MergeFilter Merges, bool FollowRenames, bool IgnoreMissing, bool WithCounts);
