using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Builds.Conditions;

/// <summary>
/// One kind of repository merge check condition kept in <c>RefMatcherConditions</c> (required builds,
/// required reports): repository readers list them, repository administrators create, replace and
/// delete them. The kinds differ only in what their details say, which the caller applies.
/// </summary>
internal sealed class RepositoryConditionStore(GitHostDbContext db, RepositoryLookup repositories, ILogger logger, string kind, string noun)
{
    public async Task<IReadOnlyList<RefMatcherConditionEntity>> ListAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return await ForRepositoryAsync(db, kind, repository.Repository.Id, cancellationToken);
    }

    /// <param name="apply">Validates the input and writes it onto the row; runs after the permission check.</param>
    public async Task<RefMatcherConditionEntity> CreateAsync(
        Principal principal, string projectKey, string slug, Action<RefMatcherConditionEntity> apply, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        var entity = new RefMatcherConditionEntity { Kind = kind, ScopeType = SettingsScope.Repository, ScopeId = repository.Repository.Id };
        apply(entity);
        db.RefMatcherConditions.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionSaved(logger, entity.Kind, entity.Id, "repository", entity.ScopeId, principal.UserId);
        return entity;
    }

    public async Task<RefMatcherConditionEntity> UpdateAsync(
        Principal principal, string projectKey, string slug, long id, Action<RefMatcherConditionEntity> apply, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        var entity = await FindAsync(repository.Repository.Id, id, cancellationToken);
        apply(entity);
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionSaved(logger, entity.Kind, entity.Id, "repository", entity.ScopeId, principal.UserId);
        return entity;
    }

    public async Task DeleteAsync(Principal principal, string projectKey, string slug, long id, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        db.RefMatcherConditions.Remove(await FindAsync(repository.Repository.Id, id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionDeleted(logger, kind, id, "repository", repository.Repository.Id, principal.UserId);
    }

    public static async Task<IReadOnlyList<RefMatcherConditionEntity>> ForRepositoryAsync(
        GitHostDbContext db, string kind, long repositoryId, CancellationToken cancellationToken) =>
        await db.RefMatcherConditions.AsNoTracking()
            .Where(c => c.Kind == kind && c.ScopeType == SettingsScope.Repository && c.ScopeId == repositoryId)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);

    private async Task<RefMatcherConditionEntity> FindAsync(long repositoryId, long id, CancellationToken cancellationToken) =>
        await db.RefMatcherConditions.FirstOrDefaultAsync(
            c => c.Id == id && c.Kind == kind && c.ScopeType == SettingsScope.Repository && c.ScopeId == repositoryId, cancellationToken)
        ?? throw new GitHostException(FailureKind.NotFound, $"No {noun} with id {id} exists in this repository.");
}
