using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data.Repositories;
using GitHost.Git.Storage;
using GitHost.Git.Transport;
using GitHost.Services.Permissions;
using GitHost.Services.Repositories;

namespace GitHost.Server.GitHttp;

/// <summary>
/// Which repository a git request reaches and whether the caller may: fetching needs REPO_READ
/// (public repositories allow anonymous reads), pushing REPO_WRITE. Decided by
/// <see cref="RepositoryLookup"/> and <see cref="PermissionService"/>; nothing here adds a rule.
/// </summary>
internal sealed class GitRepositoryAccess(RepositoryLookup lookup, PermissionService permissions, RepositoryLayout layout)
{
    /// <summary>The bare repository's path and its row, or a <see cref="GitHostException"/> in git's terms.</summary>
    public async Task<(RepositoryWithProject Repository, string Path)> DemandAsync(
        Principal principal, string key, string repo, GitService service, CancellationToken cancellationToken)
    {
        var slug = repo.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? repo[..^4] : repo;
        var found = await lookup.FindVisibleAsync(principal, key, slug, cancellationToken);
        if (service == GitService.ReceivePack
            && await permissions.RepositoryLevelAsync(principal, found.Repository, found.Project, cancellationToken) < Permission.RepoWrite)
        {
            throw principal.IsAuthenticated
                ? new GitHostException(FailureKind.Forbidden,
                    $"You have read-only access to {found.Project.Key}/{found.Repository.Slug} and cannot push to it. Ask a repository administrator for write access.")
                : GitHostException.AuthenticationRequired();
        }

        if (found.Repository.State != RepositoryState.Available)
        {
            throw new GitHostException(FailureKind.Conflict,
                $"Repository {found.Project.Key}/{found.Repository.Slug} is not available yet (state {found.Repository.State}). Try again in a moment.");
        }

        var path = layout.PathOf(found.Repository.Id);
        if (!Directory.Exists(path))
        {
            throw new GitHostException(FailureKind.Conflict,
                $"Repository {found.Project.Key}/{found.Repository.Slug} has no storage on this server. An administrator must restore it.");
        }

        return (found, path);
    }
}
