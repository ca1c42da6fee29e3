using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.RefMatching;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.Permissions;
using GitHost.Services.PullRequests;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.DefaultReviewers;

/// <summary>
/// The default reviewers of a pull request: every active user of every condition (repository and
/// project) whose matchers match the refs, who can read the target repository, except the author.
/// </summary>
public sealed class DefaultReviewerSelection(GitHostDbContext db, RepositoryLookup repositories, PermissionService permissions) : IDefaultReviewers
{
    public async Task<IReadOnlyList<UserEntity>> ForAsync(
        RepositoryWithProject target, RepositoryWithProject source, string fromRef, string toRef, long authorId, CancellationToken cancellationToken)
    {
        var model = await ConditionRefs.ModelAsync(db, target.Repository, cancellationToken);
        var conditions = await DefaultReviewerConditions.ForRepositoryAsync(db, target.Repository.Id, target.Project.Id, cancellationToken);
        var chosen = new List<UserEntity>();
        foreach (var user in conditions.Where(c => c.Matches(fromRef, toRef, model)).SelectMany(c => c.Reviewers))
        {
            if (user.Id != authorId && user.Active && chosen.All(u => u.Id != user.Id)
                && await permissions.RepositoryLevelAsync(new Principal(user.Id, user.UserName), target.Repository, target.Project, cancellationToken) >= Permission.RepoRead)
            {
                chosen.Add(user);
            }
        }

        return chosen;
    }

    /// <summary><c>GET .../reviewers?sourceRepoId=&amp;targetRepoId=&amp;sourceRefId=&amp;targetRefId=</c>: who a pull request would get (the caller counts as its author).</summary>
    public async Task<IReadOnlyList<UserEntity>> PreviewAsync(
        Principal principal, string projectKey, string slug, long? sourceRepoId, long? targetRepoId, string? sourceRefId, string? targetRefId,
        CancellationToken cancellationToken)
    {
        var target = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        if (targetRepoId is null || sourceRepoId is null || string.IsNullOrWhiteSpace(sourceRefId) || string.IsNullOrWhiteSpace(targetRefId))
        {
            throw GitHostException.Invalid("Give sourceRepoId, targetRepoId, sourceRefId and targetRefId.", sourceRepoId is null ? "sourceRepoId" : targetRepoId is null ? "targetRepoId" : sourceRefId is null ? "sourceRefId" : "targetRefId");
        }

        if (targetRepoId != target.Repository.Id)
        {
            throw GitHostException.Invalid($"targetRepoId must be the id of {target.Project.Key}/{target.Repository.Slug} ({target.Repository.Id}).", "targetRepoId");
        }

        if (sourceRefId.Length > RefMatcherInput.MaxIdLength || targetRefId.Length > RefMatcherInput.MaxIdLength)
        {
            throw GitHostException.Invalid($"Ref ids are at most {RefMatcherInput.MaxIdLength} characters.", "sourceRefId");
        }

        var sourceRepository = await db.Repositories.AsNoTracking().FirstOrDefaultAsync(r => r.Id == sourceRepoId, cancellationToken);
        var sourceProject = sourceRepository is null ? null : await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == sourceRepository.ProjectId, cancellationToken);
        if (sourceRepository is null || sourceProject is null
            || await permissions.RepositoryLevelAsync(principal, sourceRepository, sourceProject, cancellationToken) < Permission.RepoRead)
        {
            throw new GitHostException(FailureKind.NotFound, $"Repository {sourceRepoId} does not exist.", "sourceRepoId", BitbucketExceptionNames.NoSuchRepository);
        }

        var source = new RepositoryWithProject { Repository = sourceRepository, Project = sourceProject };
        return await ForAsync(target, source, RefIds.Qualify(sourceRefId), RefIds.Qualify(targetRefId), principal.UserId ?? 0, cancellationToken);
    }
}
