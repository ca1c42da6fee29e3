using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Common;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// <c>settings/auto-merge</c> of projects and repositories: a repository uses its own setting, else its
/// project's, else the default; a project can restrict its repositories to its own setting, after which
/// their administrators can no longer change it (403, as in Bitbucket).
/// </summary>
public sealed class AutoMergeSettingsStore(GitHostDbContext db, RepositoryLookup repositories, ProjectLookup projects, EpochClock clock)
{
    public const string Kind = "auto-merge";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AutoMergeSettings> EffectiveAsync(long repositoryId, long projectId, CancellationToken cancellationToken)
    {
        var project = await LoadAsync(SettingsScope.Project, projectId, cancellationToken);
        if (project is { Restricted: true })
        {
            return new AutoMergeSettings(project.Enabled, AutoMergeScope.Project, projectId, true);
        }

        var repository = await LoadAsync(SettingsScope.Repository, repositoryId, cancellationToken);
        return repository is not null ? new AutoMergeSettings(repository.Enabled, AutoMergeScope.Repository, repositoryId, false)
            : project is not null ? new AutoMergeSettings(project.Enabled, AutoMergeScope.Project, projectId, false)
            : AutoMergeSettings.Default;
    }

    /// <summary>403 when the repository's setting (or its project's) switches auto-merge off.</summary>
    public async Task DemandEnabledAsync(long repositoryId, long projectId, CancellationToken cancellationToken)
    {
        if (!(await EffectiveAsync(repositoryId, projectId, cancellationToken)).Enabled)
        {
            throw new GitHostException(
                FailureKind.Forbidden,
                "The auto-merge setting is not enabled for the repository that this pull request targets; merge it now, or ask an administrator to enable auto-merge.");
        }
    }

    public async Task<AutoMergeSettings> GetRepositoryAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return await EffectiveAsync(found.Repository.Id, found.Project.Id, cancellationToken);
    }

    public async Task<AutoMergeSettings> SetRepositoryAsync(Principal principal, string projectKey, string slug, bool enabled, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        await DemandUnrestrictedAsync(found.Project.Id, cancellationToken);
        await SaveAsync(SettingsScope.Repository, found.Repository.Id, _ => new AutoMergeSettingsDocument(enabled), cancellationToken);
        return await EffectiveAsync(found.Repository.Id, found.Project.Id, cancellationToken);
    }

    public async Task DeleteRepositoryAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        await DemandUnrestrictedAsync(found.Project.Id, cancellationToken);
        await DeleteAsync(SettingsScope.Repository, found.Repository.Id, cancellationToken);
    }

    public async Task<AutoMergeSettings> GetProjectAsync(Principal principal, string projectKey, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectRead, cancellationToken);
        return ForProject(project.Id, await LoadAsync(SettingsScope.Project, project.Id, cancellationToken));
    }

    public async Task<AutoMergeSettings> SetProjectAsync(
        Principal principal, string projectKey, bool enabled, AutoMergeRestrictionAction action, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
        var saved = await SaveAsync(SettingsScope.Project, project.Id, current => new AutoMergeSettingsDocument(enabled, action switch
        {
            AutoMergeRestrictionAction.Create => true,
            AutoMergeRestrictionAction.Delete => false,
            _ => current?.Restricted ?? false,
        }), cancellationToken);
        return ForProject(project.Id, saved);
    }

    public async Task DeleteProjectAsync(Principal principal, string projectKey, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
        await DeleteAsync(SettingsScope.Project, project.Id, cancellationToken);
    }

    private static AutoMergeSettings ForProject(long projectId, AutoMergeSettingsDocument? document) =>
        document is null ? AutoMergeSettings.Default : new AutoMergeSettings(document.Enabled, AutoMergeScope.Project, projectId, document.Restricted);

    private async Task DemandUnrestrictedAsync(long projectId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(SettingsScope.Project, projectId, cancellationToken) is { Restricted: true })
        {
            throw new GitHostException(
                FailureKind.Forbidden,
                "The pull request auto-merge settings cannot be modified due to a restriction enforced by the repository's project; change them on the project.");
        }
    }

    /// <summary>Two first writers of a scope race on the unique index; the loser writes over the winner's row.</summary>
    private Task<AutoMergeSettingsDocument> SaveAsync(
        SettingsScope scope, long scopeId, Func<AutoMergeSettingsDocument?, AutoMergeSettingsDocument> change, CancellationToken cancellationToken) =>
        db.WriteOrRetryAsUpdateAsync(
            async ct =>
            {
                var entity = await FindAsync(scope, scopeId, ct);
                var updated = change(Parse(entity));
                if (entity is null)
                {
                    entity = new ScopedSettingsEntity { Kind = Kind, ScopeType = scope, ScopeId = scopeId };
                    db.ScopedSettings.Add(entity);
                }

                entity.Json = JsonSerializer.Serialize(updated, Json);
                entity.UpdatedDate = clock.NowMs();
                await db.SaveChangesAsync(ct);
                return updated;
            },
            ct => db.ScopedSettings.AnyAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, ct),
            cancellationToken);

    private Task DeleteAsync(SettingsScope scope, long scopeId, CancellationToken cancellationToken) =>
        db.ScopedSettings.Where(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId).ExecuteDeleteAsync(cancellationToken);

    private async Task<AutoMergeSettingsDocument?> LoadAsync(SettingsScope scope, long scopeId, CancellationToken cancellationToken) =>
        Parse(await db.ScopedSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, cancellationToken));

    private Task<ScopedSettingsEntity?> FindAsync(SettingsScope scope, long scopeId, CancellationToken cancellationToken) =>
        db.ScopedSettings.FirstOrDefaultAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, cancellationToken);

    private static AutoMergeSettingsDocument? Parse(ScopedSettingsEntity? entity) =>
        entity is null ? null : JsonSerializer.Deserialize<AutoMergeSettingsDocument>(entity.Json, Json);
}
