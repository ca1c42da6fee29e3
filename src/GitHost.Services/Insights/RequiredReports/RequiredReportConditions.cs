using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Insights.RequiredReports;

/// <summary>Required reports of a repository: readers list them, repository administrators change them.</summary>
public sealed class RequiredReportConditions(GitHostDbContext db, RepositoryLookup repositories, ILogger<RequiredReportConditions> logger)
{
    public async Task<Page<RequiredReportCondition>> ListAsync(Principal principal, string projectKey, string slug, PageRequest page, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return Page<RequiredReportCondition>.From(await ForRepositoryAsync(db, repository.Repository.Id, cancellationToken), page);
    }

    public async Task<RequiredReportCondition> CreateAsync(
        Principal principal, string projectKey, string slug, RequiredReportConditionInput input, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        var entity = new RefMatcherConditionEntity { Kind = RequiredReportCondition.Kind, ScopeType = SettingsScope.Repository, ScopeId = repository.Repository.Id };
        Apply(entity, input);
        db.RefMatcherConditions.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionSaved(logger, entity.Kind, entity.Id, "repository", entity.ScopeId, principal.UserId);
        return RequiredReportCondition.From(entity);
    }

    public async Task<RequiredReportCondition> UpdateAsync(
        Principal principal, string projectKey, string slug, long id, RequiredReportConditionInput input, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        var entity = await FindAsync(repository.Repository.Id, id, cancellationToken);
        Apply(entity, input);
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionSaved(logger, entity.Kind, entity.Id, "repository", entity.ScopeId, principal.UserId);
        return RequiredReportCondition.From(entity);
    }

    public async Task DeleteAsync(Principal principal, string projectKey, string slug, long id, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        db.RefMatcherConditions.Remove(await FindAsync(repository.Repository.Id, id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionDeleted(logger, RequiredReportCondition.Kind, id, "repository", repository.Repository.Id, principal.UserId);
    }

    internal static async Task<IReadOnlyList<RequiredReportCondition>> ForRepositoryAsync(GitHostDbContext db, long repositoryId, CancellationToken cancellationToken)
    {
        var rows = await db.RefMatcherConditions.AsNoTracking()
            .Where(c => c.Kind == RequiredReportCondition.Kind && c.ScopeType == SettingsScope.Repository && c.ScopeId == repositoryId)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(RequiredReportCondition.From).ToList();
    }

    private static void Apply(RefMatcherConditionEntity entity, RequiredReportConditionInput input)
    {
        var (key, mustPass, target) = input.Validate();
        entity.SetTarget(target);
        entity.SetSource(Core.RefMatching.RefMatcher.AnyRef);
        entity.Details = RequiredReportCondition.DetailsJson(key, mustPass);
    }

    private async Task<RefMatcherConditionEntity> FindAsync(long repositoryId, long id, CancellationToken cancellationToken) =>
        await db.RefMatcherConditions.FirstOrDefaultAsync(
            c => c.Id == id && c.Kind == RequiredReportCondition.Kind && c.ScopeType == SettingsScope.Repository && c.ScopeId == repositoryId, cancellationToken)
        ?? throw new GitHostException(FailureKind.NotFound, $"No required report with id {id} exists in this repository.");
}
