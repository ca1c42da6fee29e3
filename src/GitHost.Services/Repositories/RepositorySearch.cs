using GitHost.Core.Permissions;
using GitHost.Data.Repositories;

namespace GitHost.Services.Repositories;

/// <summary>
/// The filters of <c>GET /rest/api/1.0/repos</c>. Null filters match everything; text filters are
/// trimmed and case-insensitive.
/// </summary>
public sealed record RepositorySearch(
    string? Name,
    string? ProjectName,
    string? ProjectKey,
    VisibilityFilter? Visibility,
    Permission? Permission,
    RepositoryState? State,
    ArchivedFilter Archived = ArchivedFilter.Active)
{
    /// <summary>Only the defaults: every active repository the caller may see (at <see cref="Permission"/>, if given).</summary>
    public bool IsUnfiltered =>
        Name is null && ProjectName is null && ProjectKey is null && Visibility is null && State is null && Archived == ArchivedFilter.Active;
}

public enum VisibilityFilter
{
    Public,
    Private,
}

public enum ArchivedFilter
{
    Active,
    Archived,
    All,
}
