using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.AccessTokens;

/// <summary>
/// Who may manage which tokens. Users manage their own personal tokens and global administrators
/// anyone's; project tokens need PROJECT_ADMIN and repository tokens REPO_ADMIN. A caller who
/// authenticated with a token may not manage tokens at all, so a leaked token cannot mint more.
/// </summary>
public sealed class AccessTokenOwners(GitHostDbContext db, PermissionService permissions, ProjectLookup projects, RepositoryLookup repositories)
{
    public async Task<AccessTokenOwner> UserAsync(Principal principal, string userSlug, CancellationToken cancellationToken)
    {
        DemandPersonalCredentials(principal);
        var user = UserSlug.TryParse(userSlug, out var slug)
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Slug == slug.Value.Value, cancellationToken)
            : null;
        if (user is null)
        {
            throw new GitHostException(FailureKind.NotFound, $"User {userSlug} does not exist.", exceptionName: BitbucketExceptionNames.NoSuchUser);
        }

        if (user.Id != principal.UserId)
        {
            await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
        }

        return AccessTokenOwner.Personal(user);
    }

    public async Task<AccessTokenOwner> ProjectAsync(Principal principal, string key, CancellationToken cancellationToken)
    {
        DemandPersonalCredentials(principal);
        var project = await projects.FindWithLevelAsync(principal, key, Permission.ProjectAdmin, cancellationToken);
        return AccessTokenOwner.ForProject(project);
    }

    public async Task<AccessTokenOwner> RepositoryAsync(Principal principal, string key, string slug, CancellationToken cancellationToken)
    {
        DemandPersonalCredentials(principal);
        var found = await repositories.FindWithLevelAsync(principal, key, slug, Permission.RepoAdmin, cancellationToken);
        return AccessTokenOwner.ForRepository(found.Repository, found.Project);
    }

    private static void DemandPersonalCredentials(Principal principal)
    {
        if (!principal.IsAuthenticated)
        {
            throw GitHostException.AuthenticationRequired();
        }

        if (principal.Token is not null)
        {
            throw new GitHostException(FailureKind.Unauthorized,
                "Access tokens cannot be used to manage access tokens; sign in with your password.",
                exceptionName: BitbucketExceptionNames.Authorisation);
        }
    }
}
