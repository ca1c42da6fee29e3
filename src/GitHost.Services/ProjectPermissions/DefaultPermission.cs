using GitHost.Core.Failures;
using GitHost.Core.Permissions;

namespace GitHost.Services.ProjectPermissions;

/// <summary>
/// The project's "all licensed users" grant: off, PROJECT_READ or PROJECT_WRITE. Administration
/// can never be granted to everyone. WRITE implies READ, so revoking READ also revokes WRITE, and
/// revoking WRITE leaves READ.
/// </summary>
public static class DefaultPermission
{
    public static Permission Parse(string? name)
    {
        if (PermissionNames.TryParse(name, out var permission) && permission is Permission.ProjectRead or Permission.ProjectWrite)
        {
            return permission;
        }

        throw GitHostException.Invalid($"'{name}' cannot be granted to all users; use PROJECT_READ or PROJECT_WRITE.", "permission");
    }

    public static Permission Apply(Permission current, Permission permission, bool allow) =>
        allow ? permission
        : current < permission ? current
        : permission == Permission.ProjectWrite ? Permission.ProjectRead
        : Permission.None;
}
