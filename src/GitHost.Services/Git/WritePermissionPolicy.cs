using GitHost.Core.Permissions;
using GitHost.Services.Permissions;

namespace GitHost.Services.Git;

/// <summary>
/// Asks the permission service again at hook time: the door checked REPO_WRITE when the push started,
/// but a grant revoked while the pack was uploading must still stop the refs from moving.
/// </summary>
public sealed class WritePermissionPolicy(PermissionService permissions) : IRefUpdatePolicy
{
    private Permission? _level;

    public async ValueTask<string?> CheckAsync(PushTarget push, RefUpdate update, CancellationToken cancellationToken)
    {
        _level ??= await permissions.RepositoryLevelAsync(push.Session.Principal, push.Repository.Repository, push.Repository.Project, cancellationToken);
        return _level >= Permission.RepoWrite
            ? null
            : $"You do not have permission to push to {push.Repository.Project.Key}/{push.Repository.Repository.Slug}. Ask a repository administrator for write access.";
    }
}
