namespace GitHost.Core.Permissions;

/// <summary>
/// Bitbucket Data Center's permission levels. Within one scope a higher value implies every lower
/// one; <see cref="PermissionScopes"/> says which scope a value belongs to.
/// </summary>
public enum Permission
{
    None = 0,

    RepoRead = 10,
    RepoWrite = 20,
    RepoAdmin = 30,

    ProjectView = 105,
    ProjectRead = 110,
    ProjectWrite = 120,
    ProjectAdmin = 130,

    LicensedUser = 210,
    ProjectCreate = 220,
    Admin = 230,
    SysAdmin = 240,
}
