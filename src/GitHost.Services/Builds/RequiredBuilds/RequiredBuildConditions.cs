using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.RefMatching;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Builds.RequiredBuilds;

/// <summary>
/// Required builds conditions of a repository (<c>/rest/required-builds/1.0</c>): repository
/// readers list them, repository administrators create, replace and delete them.
/// </summary>
public sealed class RequiredBuildConditions(GitHostDbContext db, RepositoryLookup repositories, ILogger<RequiredBuildConditions> logger)
{
    public async Task<Page<RequiredBuildCondition>> ListAsync(Principal principal, string projectKey, string slug, PageRequest page, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var all = await ForRepositoryAsync(db, repository.Repository.Id, cancellationToken);
        return Page<RequiredBuildCondition>.From(all, page);
    }

    public async Task<RequiredBuildCondition> CreateAsync(
        Principal principal, string projectKey, string slug, RequiredBuildConditionInput input, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        var (keys, target, exempt) = input.Validate();
        var entity = new RefMatcherConditionEntity { Kind = RequiredBuildCondition.Kind, ScopeType = SettingsScope.Repository, ScopeId = repository.Repository.Id };
        Apply(entity, keys, target, exempt);
        db.RefMatcherConditions.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionSaved(logger, entity.Kind, entity.Id, "repository", entity.ScopeId, principal.UserId);
        return RequiredBuildCondition.From(entity);
    }

    public async Task<RequiredBuildCondition> UpdateAsync(
        Principal principal, string projectKey, string slug, long id, RequiredBuildConditionInput input, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        var entity = await FindAsync(repository.Repository.Id, id, cancellationToken);
        var (keys, target, exempt) = input.Validate();
        Apply(entity, keys, target, exempt);
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionSaved(logger, entity.Kind, entity.Id, "repository", entity.ScopeId, principal.UserId);
        return RequiredBuildCondition.From(entity);
    }

    public async Task DeleteAsync(Principal principal, string projectKey, string slug, long id, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        db.RefMatcherConditions.Remove(await FindAsync(repository.Repository.Id, id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionDeleted(logger, RequiredBuildCondition.Kind, id, "repository", repository.Repository.Id, principal.UserId);
    }

    internal static async Task<IReadOnlyList<RequiredBuildCondition>> ForRepositoryAsync(GitHostDbContext db, long repositoryId, CancellationToken cancellationToken)
    {
        var rows = await db.RefMatcherConditions.AsNoTracking()
            .Where(c => c.Kind == RequiredBuildCondition.Kind && c.ScopeType == SettingsScope.Repository && c.ScopeId == repositoryId)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(RequiredBuildCondition.From).ToList();
    }

    private async Task<RefMatcherConditionEntity> FindAsync(long repositoryId, long id, CancellationToken cancellationToken) =>
        await db.RefMatcherConditions.FirstOrDefaultAsync(
            c => c.Id == id && c.Kind == RequiredBuildCondition.Kind && c.ScopeType == SettingsScope.Repository && c.ScopeId == repositoryId, cancellationToken)
        ?? throw new GitHostException(FailureKind.NotFound, $"No required builds condition with id {id} exists in this repository.");

    private static void Apply(RefMatcherConditionEntity entity, IReadOnlyList<string> keys, RefMatcher target, RefMatcher? exempt)
    {
        entity.SetTarget(target);
        entity.SetSource(exempt ?? RefMatcher.AnyRef);
        entity.Details = RequiredBuildCondition.DetailsJson(keys, exempt is not null);
    }
}
