using GitHost.Core.Permissions;

namespace GitHost.Web.Settings;

/// <summary>Permissions by their Bitbucket names (<c>REPO_WRITE</c>), as the REST API and admins know them; no permission is <c>NONE</c>.</summary>
public static class PermissionNames
{
    public static string Of(Permission permission) => permission == Permission.None ? "NONE" : permission.ToWireName();
}
