using System.Collections.Frozen;

namespace GitHost.Core.Permissions;

/// <summary>
/// The wire names (<c>REPO_READ</c>, <c>PROJECT_ADMIN</c>, …). Parsing is case-insensitive because
/// real clients send lower-case enum values.
/// </summary>
public static class PermissionNames
{
    private static readonly FrozenDictionary<Permission, string> Names = new Dictionary<Permission, string>
    {
        [Permission.RepoRead] = "REPO_READ",
        [Permission.RepoWrite] = "REPO_WRITE",
        [Permission.RepoAdmin] = "REPO_ADMIN",
        [Permission.ProjectView] = "PROJECT_VIEW",
        [Permission.ProjectRead] = "PROJECT_READ",
        [Permission.ProjectWrite] = "PROJECT_WRITE",
        [Permission.ProjectAdmin] = "PROJECT_ADMIN",
        [Permission.LicensedUser] = "LICENSED_USER",
        [Permission.ProjectCreate] = "PROJECT_CREATE",
        [Permission.Admin] = "ADMIN",
        [Permission.SysAdmin] = "SYS_ADMIN",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Permission> ByName =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    public static string ToWireName(this Permission permission) =>
        Names.TryGetValue(permission, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(permission));

    public static bool TryParse(string? name, out Permission permission)
    {
        permission = Permission.None;
        return name is not null && ByName.TryGetValue(name.Trim(), out permission);
    }

    /// <summary>Parses a permission that must belong to <paramref name="scope"/>, or fails with a 400.</summary>
    public static Permission ParseIn(string? name, PermissionScope scope, string context = "permission")
    {
        if (TryParse(name, out var permission) && permission.IsIn(scope))
        {
            return permission;
        }

        var allowed = string.Join(", ", Names.Where(p => p.Key.IsIn(scope)).OrderBy(p => p.Key).Select(p => p.Value));
        throw Failures.GitHostException.Invalid(
            $"'{name}' is not a valid {scope.ToString().ToLowerInvariant()} permission; use one of {allowed}.", context);
    }
}
