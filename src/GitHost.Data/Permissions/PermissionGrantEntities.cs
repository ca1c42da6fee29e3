using GitHost.Core.Permissions;

namespace GitHost.Data.Permissions;

// Grants are kept in one table per (scope, principal kind) so each has a plain composite key
// that every provider can enforce, instead of nullable user/group columns.

public sealed class GlobalUserPermissionEntity
{
    public long UserId { get; set; }

    public Permission Permission { get; set; }
}

public sealed class GlobalGroupPermissionEntity
{
    public long GroupId { get; set; }

    public Permission Permission { get; set; }
}

public sealed class ProjectUserPermissionEntity
{
    public long ProjectId { get; set; }

    public long UserId { get; set; }

    public Permission Permission { get; set; }
}

public sealed class ProjectGroupPermissionEntity
{
    public long ProjectId { get; set; }

    public long GroupId { get; set; }

    public Permission Permission { get; set; }
}

public sealed class RepositoryUserPermissionEntity
{
    public long RepositoryId { get; set; }

    public long UserId { get; set; }

    public Permission Permission { get; set; }
}

public sealed class RepositoryGroupPermissionEntity
{
    public long RepositoryId { get; set; }

    public long GroupId { get; set; }

    public Permission Permission { get; set; }
}
