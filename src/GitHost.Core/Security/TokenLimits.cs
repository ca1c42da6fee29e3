using GitHost.Core.Permissions;

namespace GitHost.Core.Security;

/// <summary>
/// The ceiling an HTTP access token puts on its bearer. A personal token caps the owner's access
/// everywhere; a project or repository token grants exactly its levels on its one resource and
/// nothing elsewhere.
/// </summary>
public sealed record TokenLimits(
    long TokenId,
    long? ProjectId,
    long? RepositoryId,
    Permission ProjectPermission,
    Permission RepositoryPermission)
{
    public bool IsPersonal => ProjectId is null && RepositoryId is null;

    /// <summary>Tokens never carry global permissions: they cannot administer the server or manage tokens.</summary>
    public static Permission CapGlobal(Permission level) => level >= Permission.LicensedUser ? Permission.LicensedUser : level;
}
