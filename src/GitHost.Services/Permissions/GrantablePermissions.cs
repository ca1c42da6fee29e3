using GitHost.Core.Failures;
using GitHost.Core.Permissions;

namespace GitHost.Services.Permissions;

/// <summary>
/// The levels that can be granted on a project or repository. PROJECT_VIEW is implicit in
/// Bitbucket (it follows from any repository grant) and can never be granted.
/// </summary>
public static class GrantablePermissions
{
    public static Permission Parse(string? name, PermissionScope scope, string context = "permission")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw GitHostException.Invalid($"A permission is required; use one of {Allowed(scope)}.", context);
        }

        var permission = PermissionNames.ParseIn(name, scope, context);
        return permission == Permission.ProjectView
            ? throw GitHostException.Invalid($"'{name}' cannot be granted; use one of {Allowed(scope)}.", context)
            : permission;
    }

    private static string Allowed(PermissionScope scope) => scope == PermissionScope.Project
        ? "PROJECT_READ, PROJECT_WRITE, PROJECT_ADMIN"
        : "REPO_READ, REPO_WRITE, REPO_ADMIN";
}
