using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Permissions;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Finds a pull request by its repository and number for a caller who can read the repository
/// (hidden → 404, anonymous → 401, as for the repository itself), and tells what the caller may
/// do with it: the rules of Bitbucket for who edits, reviews and deletes.
/// </summary>
public sealed class PullRequestAccess(GitHostDbContext db, RepositoryLookup repositories, PermissionService permissions)
{
    /// <summary>The pull request, tracked (callers may change it), with the caller's level on its repository.</summary>
    public async Task<PullRequestTarget> FindAsync(Principal principal, string projectKey, string slug, long number, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var pullRequest = await db.PullRequests.FirstOrDefaultAsync(p => p.RepositoryId == repository.Repository.Id && p.Number == number, cancellationToken)
            ?? throw PullRequestFailures.NotFound(number);
        var level = await permissions.RepositoryLevelAsync(principal, repository.Repository, repository.Project, cancellationToken);
        return new PullRequestTarget(repository, pullRequest, level);
    }

    /// <summary>Title, description, reviewers, target: the author (who can read) or anyone who can write.</summary>
    public static void DemandEditor(Principal principal, PullRequestTarget target)
    {
        if (target.Level < Permission.RepoWrite && principal.UserId != target.PullRequest.AuthorId)
        {
            throw GitHostException.NotPermitted();
        }
    }

    /// <summary>Delete: the author, or a repository administrator.</summary>
    public static void DemandDeleter(Principal principal, PullRequestTarget target)
    {
        if (target.Level < Permission.RepoAdmin && principal.UserId != target.PullRequest.AuthorId)
        {
            throw GitHostException.NotPermitted();
        }
    }

    /// <summary>Acting as oneself (approving, watching, commenting) needs a user, not a project or repository token.</summary>
    public static long DemandUser(Principal principal) =>
        principal.UserId ?? throw (principal.IsAuthenticated
            ? new GitHostException(FailureKind.Forbidden, "This needs a user: project and repository access tokens cannot open, review, approve or watch pull requests.")
            : new GitHostException(FailureKind.Unauthenticated, "Sign in first: this needs an authenticated user.", exceptionName: BitbucketExceptionNames.Authorisation));

    public static void DemandLevel(PullRequestTarget target, Permission level)
    {
        if (target.Level < level)
        {
            throw GitHostException.NotPermitted();
        }
    }
}

/// <summary>A pull request found for a caller, with the caller's level on its (target) repository.</summary>
public sealed record PullRequestTarget(RepositoryWithProject Repository, PullRequestEntity PullRequest, Permission Level);
