using GitHost.Core.Permissions;

namespace GitHost.Services.Users;

/// <summary>
/// <c>GET /users</c>: a text filter, a group, and permission filters that must all hold.
/// </summary>
public sealed record UserQuery(string? Filter, string? Group, IReadOnlyList<UserPermissionFilter> Permissions);

/// <summary>
/// One permission filter (<c>permission.N=…</c>). Global levels need nothing else; project levels
/// name the project by key or id; repository levels name the repository by id or by project key
/// and slug. <see cref="Context"/> is the query parameter the filter came from, for errors.
/// </summary>
public sealed record UserPermissionFilter(
    Permission Permission,
    string Context,
    string? ProjectKey = null,
    long? ProjectId = null,
    string? RepositorySlug = null,
    long? RepositoryId = null);
