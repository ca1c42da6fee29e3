using GitHost.Core.Permissions;

namespace GitHost.Data.SshKeys;

/// <summary>
/// Where an access key may be used: a project (PROJECT_READ/PROJECT_WRITE, <see cref="RepositoryId"/>
/// null) or a repository (REPO_READ/REPO_WRITE, <see cref="ProjectId"/> null). Rows go with the key,
/// the project or the repository by cascade.
/// </summary>
public sealed class AccessKeyGrantEntity
{
    public long Id { get; set; }

    public long KeyId { get; set; }

    public long? ProjectId { get; set; }

    public long? RepositoryId { get; set; }

    public Permission Permission { get; set; }

    public long CreatedDate { get; set; }
}
