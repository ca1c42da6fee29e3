using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.DefaultReviewers;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.ReviewerGroups;

/// <summary>
/// Turns the users a request names into users who may review in the scope: active, and able to read
/// the project (project groups) or the repository (repository groups). Bitbucket silently drops the
/// others; GitHost refuses the request and names the user, so a typo does not shrink a group unseen.
/// </summary>
public sealed class ReviewerGroupMembers(GitHostDbContext db, PermissionService permissions)
{
    public async Task<IReadOnlyList<UserEntity>> ResolveAsync(
        ReviewerGroupScope scope, IReadOnlyList<ReviewerReference> references, CancellationToken cancellationToken)
    {
        var users = new List<UserEntity>();
        foreach (var reference in references)
        {
            var user = await FindAsync(reference, cancellationToken);
            var named = reference.Name ?? reference.Slug ?? reference.Id?.ToString(CultureInfo.InvariantCulture);
            if (user is not { Active: true })
            {
                throw new GitHostException(FailureKind.Invalid, $"No active user {named} exists.", "users", BitbucketExceptionNames.NoSuchUser);
            }

            if (users.Any(u => u.Id == user.Id))
            {
                continue;
            }

            if (!await CanReviewAsync(scope, user, cancellationToken))
            {
                var place = scope.Repository is { } repository ? $"repository {scope.Project.Key}/{repository.Slug}" : $"project {scope.Project.Key}";
                throw GitHostException.Invalid($"User {user.UserName} cannot read {place}; grant them read access before adding them to a reviewer group.", "users");
            }

            users.Add(user);
        }

        return users;
    }

    /// <summary>The group's users who can review in <paramref name="scope"/>: a project group seen from a repository loses those who cannot read it.</summary>
    public async Task<IReadOnlyList<UserEntity>> ReviewersAsync(ReviewerGroupScope scope, IEnumerable<UserEntity> users, CancellationToken cancellationToken)
    {
        var result = new List<UserEntity>();
        foreach (var user in users)
        {
            if (user.Active && await CanReviewAsync(scope, user, cancellationToken))
            {
                result.Add(user);
            }
        }

        return result;
    }

    private async Task<bool> CanReviewAsync(ReviewerGroupScope scope, UserEntity user, CancellationToken cancellationToken)
    {
        var principal = new Principal(user.Id, user.UserName);
        return scope.Repository is { } repository
            ? await permissions.RepositoryLevelAsync(principal, repository, scope.Project, cancellationToken) >= Permission.RepoRead
            : await permissions.ProjectLevelAsync(principal, scope.Project, cancellationToken) >= Permission.ProjectRead;
    }

    private Task<UserEntity?> FindAsync(ReviewerReference reference, CancellationToken cancellationToken)
    {
        if (reference.Id is { } id)
        {
            return db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(reference.Name))
        {
            var normalized = reference.Name.Trim().ToUpperInvariant();
            return db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        }

        var slug = reference.Slug!.Trim();
        return db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Slug == slug, cancellationToken);
    }
}
