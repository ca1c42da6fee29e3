using GitHost.Core.Permissions;

namespace GitHost.Web.Settings;

/// <summary>Permissions by their Bitbucket names (<c>REPO_WRITE</c>), as the REST API and admins know them.</summary>
public static class PermissionNames
{
    public static string Of(Permission permission) =>
        string.Concat(permission.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
