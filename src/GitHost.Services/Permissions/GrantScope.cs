using GitHost.Core.Permissions;
using GitHost.Core.Security;

namespace GitHost.Services.Permissions;

/// <summary>
/// What makes a repository visible to a signed-in caller through grants, at one repository level:
/// projects and repositories granted at that level, the caller's own personal project, project
/// defaults for licensed users, and public access.
/// </summary>
public sealed record GrantScope(
    List<long> ProjectIds, List<long> RepositoryIds, long UserId, bool Licensed, Permission ProjectMinimum, bool PublicOk)
{
    public static GrantScope For(AccessGrants grants, Principal principal, Permission minimum, bool publicOk)
    {
        var projectMinimum = PermissionScopes.ProjectLevelForRepositoryLevel(minimum);
        return new GrantScope(
            grants.Projects.Where(g => g.Value >= projectMinimum).Select(g => g.Key).ToList(),
            grants.Repositories.Where(g => g.Value >= minimum).Select(g => g.Key).ToList(),
            principal.UserId ?? -1,
            principal.IsAuthenticated && grants.Global >= Permission.LicensedUser,
            projectMinimum,
            publicOk);
    }
}
