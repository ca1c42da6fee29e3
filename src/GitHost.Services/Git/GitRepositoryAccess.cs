using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data.Repositories;
using GitHost.Git.Storage;
using GitHost.Git.Transport;
using GitHost.Services.Permissions;
using GitHost.Services.Repositories;

namespace GitHost.Services.Git;

/// <summary>
/// Which repository a git request reaches and whether the caller may, for every git door (HTTP, SSH):
/// fetching and archives need REPO_READ (public repositories allow anonymous reads), pushing
/// REPO_WRITE. Decided by <see cref="RepositoryLookup"/> and <see cref="PermissionService"/>; nothing
/// here adds a rule. A repository the caller may not read is "does not exist", exactly like a missing one.
/// </summary>
public sealed class GitRepositoryAccess(RepositoryLookup lookup, PermissionService permissions, RepositoryLayout layout)
{
    /// <summary>The bare repository's path and its row, or a <see cref="GitHostException"/> in git's terms.</summary>
    /// <param name="repo">The slug as the URL has it: <c>.git</c> is optional.</param>
    public async Task<(RepositoryWithProject Repository, string Path)> DemandAsync(
        Principal principal, string key, string repo, GitService service, CancellationToken cancellationToken)
    {
        var found = await lookup.FindVisibleAsync(principal, key, SlugOf(repo), cancellationToken);
        if (service.Writes()
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

    /// <summary>
    /// The repository regardless of access, for a door that must know where a request goes before it
    /// knows who asks (an SSH access key acts with the grant it holds on that repository). Callers
    /// must still <see cref="DemandAsync"/>; null answers exactly like a hidden repository.
    /// </summary>
    public Task<RepositoryWithProject?> FindUncheckedAsync(string key, string repo, CancellationToken cancellationToken) =>
        lookup.FindAsync(key, SlugOf(repo), cancellationToken);

    private static string SlugOf(string repo) => repo.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? repo[..^4] : repo;
}
