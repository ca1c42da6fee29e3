using GitHost.Core.Permissions;

namespace GitHost.Data.Permissions;

/// <summary>What every grant row has, whatever its scope and principal kind.</summary>
public interface IPermissionGrant
{
    Permission Permission { get; set; }
}

// Grants are kept in one table per (scope, principal kind) so each has a plain composite key
// that every provider can enforce, instead of nullable user/group columns.

public sealed class GlobalUserPermissionEntity : IPermissionGrant
{
    public long UserId { get; set; }

    public Permission Permission { get; set; }
}

public sealed class GlobalGroupPermissionEntity : IPermissionGrant
{
    public long GroupId { get; set; }

    public Permission Permission { get; set; }
}

public sealed class ProjectUserPermissionEntity : IPermissionGrant
{
    public long ProjectId { get; set; }

    public long UserId { get; set; }

    public Permission Permission { get; set; }
}

public sealed class ProjectGroupPermissionEntity : IPermissionGrant
{
    public long ProjectId { get; set; }

    public long GroupId { get; set; }

    public Permission Permission { get; set; }
}

public sealed class RepositoryUserPermissionEntity : IPermissionGrant
{
    public long RepositoryId { get; set; }

    public long UserId { get; set; }

    public Permission Permission { get; set; }
}

public sealed class RepositoryGroupPermissionEntity : IPermissionGrant
{
    public long RepositoryId { get; set; }

    public long GroupId { get; set; }

    public Permission Permission { get; set; }
}
