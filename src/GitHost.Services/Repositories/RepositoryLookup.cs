using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Permissions;

namespace GitHost.Services.Repositories;

/// <summary>
/// Finds a repository by the project key and slug in a URL. What the caller may not read does not
/// exist for them (404), anonymous callers are asked to authenticate (401), and a caller who can
/// read but lacks the level asked for gets Bitbucket's 401 AuthorisationException.
/// </summary>
public sealed class RepositoryLookup(GitHostDbContext db, PermissionService permissions, RepositoryByPath byPath)
{
    public async Task<RepositoryWithProject> FindVisibleAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await FindAsync(projectKey, slug, cancellationToken);
        if (found is null || await permissions.RepositoryLevelAsync(principal, found.Repository, found.Project, cancellationToken) < Permission.RepoRead)
        {
            throw Hidden(principal, projectKey, slug);
        }

        return found;
    }

    public async Task<RepositoryWithProject> FindWithLevelAsync(
        Principal principal, string projectKey, string slug, Permission required, CancellationToken cancellationToken)
    {
        var found = await FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        if (await permissions.RepositoryLevelAsync(principal, found.Repository, found.Project, cancellationToken) < required)
        {
            throw GitHostException.NotPermitted();
        }

        return found;
    }

    /// <summary>The repository regardless of access (tracked, so callers may change it), or null.</summary>
    public async Task<RepositoryWithProject?> FindAsync(string projectKey, string slug, CancellationToken cancellationToken)
    {
        if (!RepoSlug.TryParse(slug, out var parsedSlug) || !ProjectKey.TryParse(projectKey, out var parsedKey))
        {
            return null;
        }

        return await byPath.FindAsync(db, parsedKey.Value.Value, parsedSlug.Value.Value, cancellationToken);
    }

    public static GitHostException Hidden(Principal principal, string projectKey, string slug) =>
        principal.IsAuthenticated
            ? new GitHostException(FailureKind.NotFound, $"Repository {projectKey}/{slug} does not exist.", exceptionName: BitbucketExceptionNames.NoSuchRepository)
            : GitHostException.HiddenFromAnonymous();
}
