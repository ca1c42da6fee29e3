using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Turns the reviewer names a client sends into users, as Bitbucket checks them: each must exist,
/// be active, be able to read the target repository and not be the author. Any failure refuses the
/// whole list with 409 <c>InvalidPullRequestReviewersException</c>, naming each bad entry in
/// <c>reviewerErrors</c> and listing the good ones in <c>validReviewers</c>.
/// </summary>
public sealed class PullRequestReviewers(GitHostDbContext db, PermissionService permissions, IPullRequestEventSubjects subjects)
{
    public const int MaxReviewers = 100;

    public async Task<IReadOnlyList<UserEntity>> ResolveAsync(
        IReadOnlyList<string>? names, RepositoryWithProject target, long authorId, CancellationToken cancellationToken)
    {
        if (names is null || names.Count == 0)
        {
            return [];
        }

        if (names.Count > MaxReviewers)
        {
            throw GitHostException.Invalid($"A pull request can have at most {MaxReviewers} reviewers.", "reviewers");
        }

        var valid = new List<UserEntity>();
        var errors = new List<object>();
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var normalized = name.Trim().ToUpperInvariant();
            var user = normalized.Length == 0 ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
            var problem = user switch
            {
                null => $"No user named '{name}' exists.",
                { Active: false } => $"{user.UserName} is not an active user.",
                _ when user.Id == authorId => $"{user.UserName} is the pull request's author and cannot also review it.",
                _ when await permissions.RepositoryLevelAsync(new Principal(user.Id, user.UserName), target.Repository, target.Project, cancellationToken) < Permission.RepoRead
                    => $"{user.UserName} cannot read {target.Project.Key}/{target.Repository.Slug}, so cannot review it.",
                _ => null,
            };
            if (problem is null)
            {
                valid.Add(user!);
            }
            else
            {
                errors.Add(new { context = name, message = problem, exceptionName = (string?)null });
            }
        }

        if (errors.Count > 0)
        {
            throw new GitHostException(FailureKind.Conflict, "Errors encountered while adding some reviewers to this pull request.", "reviewers", PullRequestFailures.InvalidReviewers)
            {
                Extra = new Dictionary<string, object?>
                {
                    ["reviewerErrors"] = errors,
                    ["validReviewers"] = valid.Select(subjects.User).ToList(),
                },
            };
        }

        return valid;
    }
}
