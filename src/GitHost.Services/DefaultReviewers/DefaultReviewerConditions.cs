using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Data.Users;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.DefaultReviewers;

/// <summary>
/// Default reviewers conditions of a project or repository (<c>/rest/default-reviewers/1.0</c>):
/// readers list them (a repository's list includes its project's), administrators of the scope
/// create, replace and delete them.
/// </summary>
public sealed class DefaultReviewerConditions(
    GitHostDbContext db, ProjectLookup projects, RepositoryLookup repositories, ILogger<DefaultReviewerConditions> logger)
{
    public async Task<IReadOnlyList<DefaultReviewerCondition>> ListAsync(Principal principal, string projectKey, string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            var project = await projects.FindVisibleAsync(principal, projectKey, cancellationToken);
            return await LoadAsync(db, c => c.ScopeType == SettingsScope.Project && c.ScopeId == project.Id, cancellationToken);
        }

        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return await ForRepositoryAsync(db, repository.Repository.Id, repository.Project.Id, cancellationToken);
    }

    public async Task<DefaultReviewerCondition> CreateAsync(
        Principal principal, string projectKey, string? slug, DefaultReviewerConditionInput input, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await WritableScopeAsync(principal, projectKey, slug, cancellationToken);
        var entity = new RefMatcherConditionEntity { Kind = DefaultReviewerCondition.Kind, ScopeType = scope, ScopeId = scopeId };
        await ApplyAsync(entity, input, cancellationToken);
        db.RefMatcherConditions.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionSaved(logger, entity.Kind, entity.Id, scope.ToString(), scopeId, principal.UserId);
        return await ViewAsync(entity, cancellationToken);
    }

    public async Task<DefaultReviewerCondition> UpdateAsync(
        Principal principal, string projectKey, string? slug, long id, DefaultReviewerConditionInput input, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await WritableScopeAsync(principal, projectKey, slug, cancellationToken);
        var entity = await FindAsync(scope, scopeId, id, cancellationToken);
        await ApplyAsync(entity, input, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionSaved(logger, entity.Kind, entity.Id, scope.ToString(), scopeId, principal.UserId);
        return await ViewAsync(entity, cancellationToken);
    }

    public async Task DeleteAsync(Principal principal, string projectKey, string? slug, long id, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await WritableScopeAsync(principal, projectKey, slug, cancellationToken);
        db.RefMatcherConditions.Remove(await FindAsync(scope, scopeId, id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ConditionDeleted(logger, DefaultReviewerCondition.Kind, id, scope.ToString(), scopeId, principal.UserId);
    }

    /// <summary>The repository's conditions, then its project's.</summary>
    internal static async Task<IReadOnlyList<DefaultReviewerCondition>> ForRepositoryAsync(
        GitHostDbContext db, long repositoryId, long projectId, CancellationToken cancellationToken) =>
        await LoadAsync(db, c => (c.ScopeType == SettingsScope.Repository && c.ScopeId == repositoryId) || (c.ScopeType == SettingsScope.Project && c.ScopeId == projectId),
            cancellationToken);

    private static async Task<IReadOnlyList<DefaultReviewerCondition>> LoadAsync(
        GitHostDbContext db, System.Linq.Expressions.Expression<Func<RefMatcherConditionEntity, bool>> scope, CancellationToken cancellationToken)
    {
        var rows = await db.RefMatcherConditions.AsNoTracking().Where(c => c.Kind == DefaultReviewerCondition.Kind).Where(scope)
            .ToListAsync(cancellationToken);
        var ids = rows.SelectMany(DefaultReviewerCondition.ReviewerIds).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        return rows.OrderByDescending(r => r.ScopeType).ThenBy(r => r.Id).Select(r => DefaultReviewerCondition.From(r, users)).ToList();
    }

    private async Task<DefaultReviewerCondition> ViewAsync(RefMatcherConditionEntity entity, CancellationToken cancellationToken)
    {
        var ids = DefaultReviewerCondition.ReviewerIds(entity);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        return DefaultReviewerCondition.From(entity, users);
    }

    private async Task<(SettingsScope Scope, long Id)> WritableScopeAsync(Principal principal, string projectKey, string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
            return (SettingsScope.Project, project.Id);
        }

        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        return (SettingsScope.Repository, repository.Repository.Id);
    }

    private async Task ApplyAsync(RefMatcherConditionEntity entity, DefaultReviewerConditionInput input, CancellationToken cancellationToken)
    {
        var (source, target, references, required) = input.Validate();
        var reviewers = new List<UserEntity>();
        foreach (var reference in references)
        {
            var user = await FindUserAsync(reference, cancellationToken);
            if (user is not { Active: true })
            {
                throw GitHostException.Invalid($"No active user {reference.Name ?? reference.Slug ?? reference.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture)} exists.", "reviewers");
            }

            if (reviewers.All(r => r.Id != user.Id))
            {
                reviewers.Add(user);
            }
        }

        if (required > reviewers.Count)
        {
            throw GitHostException.Invalid($"requiredApprovals must be between 0 and the number of reviewers ({reviewers.Count}).", "requiredApprovals");
        }

        entity.SetSource(source);
        entity.SetTarget(target);
        entity.Details = DefaultReviewerCondition.DetailsJson(reviewers.Select(r => r.Id).ToList(), required);
    }

    private Task<UserEntity?> FindUserAsync(ReviewerReference reference, CancellationToken cancellationToken)
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

    private async Task<RefMatcherConditionEntity> FindAsync(SettingsScope scope, long scopeId, long id, CancellationToken cancellationToken) =>
        await db.RefMatcherConditions.FirstOrDefaultAsync(
            c => c.Id == id && c.Kind == DefaultReviewerCondition.Kind && c.ScopeType == scope && c.ScopeId == scopeId, cancellationToken)
        ?? throw new GitHostException(FailureKind.NotFound, $"No default reviewers condition with id {id} exists here.");
}
