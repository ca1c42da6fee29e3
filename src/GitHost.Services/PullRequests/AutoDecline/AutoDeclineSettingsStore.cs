using System.Text.Json;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Common;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Services.PullRequests.AutoDecline;

/// <summary>
/// <c>settings/auto-decline</c> of projects and repositories: a repository uses its own setting, else its
/// project's, else the server-wide default from <see cref="AutoDeclineOptions"/> (scope GLOBAL), as in Bitbucket.
/// </summary>
public sealed class AutoDeclineSettingsStore(
    GitHostDbContext db, RepositoryLookup repositories, ProjectLookup projects, EpochClock clock, IOptions<AutoDeclineOptions> options)
{
    public const string Kind = "auto-decline";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public AutoDeclineSettings Default => new(options.Value.DefaultEnabled, options.Value.DefaultInactivityWeeks, AutoDeclineScope.Global, null);

    public async Task<AutoDeclineSettings> EffectiveAsync(long repositoryId, long projectId, CancellationToken cancellationToken)
    {
        var repository = await LoadAsync(SettingsScope.Repository, repositoryId, cancellationToken);
        return repository is not null ? From(repository, AutoDeclineScope.Repository, repositoryId)
            : ForProject(projectId, await LoadAsync(SettingsScope.Project, projectId, cancellationToken));
    }

    public async Task<AutoDeclineSettings> GetRepositoryAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return await EffectiveAsync(found.Repository.Id, found.Project.Id, cancellationToken);
    }

    /// <param name="inactivityWeeks">Null keeps what applies now.</param>
    public async Task<AutoDeclineSettings> SetRepositoryAsync(
        Principal principal, string projectKey, string slug, bool enabled, int? inactivityWeeks, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        var current = await EffectiveAsync(found.Repository.Id, found.Project.Id, cancellationToken);
        var saved = await SaveAsync(SettingsScope.Repository, found.Repository.Id,
            new AutoDeclineSettingsDocument(enabled, inactivityWeeks ?? current.InactivityWeeks), cancellationToken);
        return From(saved, AutoDeclineScope.Repository, found.Repository.Id);
    }

    public async Task DeleteRepositoryAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        await DeleteAsync(SettingsScope.Repository, found.Repository.Id, cancellationToken);
    }

    public async Task<AutoDeclineSettings> GetProjectAsync(Principal principal, string projectKey, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectRead, cancellationToken);
        return ForProject(project.Id, await LoadAsync(SettingsScope.Project, project.Id, cancellationToken));
    }

    /// <param name="inactivityWeeks">Null keeps what applies now.</param>
    public async Task<AutoDeclineSettings> SetProjectAsync(
        Principal principal, string projectKey, bool enabled, int? inactivityWeeks, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
        var current = ForProject(project.Id, await LoadAsync(SettingsScope.Project, project.Id, cancellationToken));
        var saved = await SaveAsync(SettingsScope.Project, project.Id,
            new AutoDeclineSettingsDocument(enabled, inactivityWeeks ?? current.InactivityWeeks), cancellationToken);
        return From(saved, AutoDeclineScope.Project, project.Id);
    }

    public async Task DeleteProjectAsync(Principal principal, string projectKey, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
        await DeleteAsync(SettingsScope.Project, project.Id, cancellationToken);
    }

    /// <summary>Every stored setting, for the job: one small indexed read per pass.</summary>
    public async Task<IReadOnlyList<(SettingsScope Scope, long ScopeId, AutoDeclineSettingsDocument Settings)>> AllAsync(CancellationToken cancellationToken)
    {
        var rows = await db.ScopedSettings.AsNoTracking().Where(s => s.Kind == Kind).ToListAsync(cancellationToken);
        return rows.Select(r => (r.ScopeType, r.ScopeId, Parse(r)!)).ToList();
    }

    private AutoDeclineSettings ForProject(long projectId, AutoDeclineSettingsDocument? document) =>
        document is null ? Default : From(document, AutoDeclineScope.Project, projectId);

    private static AutoDeclineSettings From(AutoDeclineSettingsDocument document, AutoDeclineScope scope, long scopeId) =>
        new(document.Enabled, document.InactivityWeeks, scope, scopeId);

    /// <summary>Two first writers of a scope race on the unique index; the loser writes over the winner's row.</summary>
    private Task<AutoDeclineSettingsDocument> SaveAsync(SettingsScope scope, long scopeId, AutoDeclineSettingsDocument document, CancellationToken cancellationToken) =>
        db.WriteOrRetryAsUpdateAsync(
            async ct =>
            {
                var entity = await db.ScopedSettings.FirstOrDefaultAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, ct);
                if (entity is null)
                {
                    entity = new ScopedSettingsEntity { Kind = Kind, ScopeType = scope, ScopeId = scopeId };
                    db.ScopedSettings.Add(entity);
                }

                entity.Json = JsonSerializer.Serialize(document, Json);
                entity.UpdatedDate = clock.NowMs();
                await db.SaveChangesAsync(ct);
                return document;
            },
            ct => db.ScopedSettings.AnyAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, ct),
            cancellationToken);

    private Task DeleteAsync(SettingsScope scope, long scopeId, CancellationToken cancellationToken) =>
        db.ScopedSettings.Where(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId).ExecuteDeleteAsync(cancellationToken);

    private async Task<AutoDeclineSettingsDocument?> LoadAsync(SettingsScope scope, long scopeId, CancellationToken cancellationToken) =>
        Parse(await db.ScopedSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, cancellationToken));

    private static AutoDeclineSettingsDocument? Parse(ScopedSettingsEntity? entity) =>
        entity is null ? null : JsonSerializer.Deserialize<AutoDeclineSettingsDocument>(entity.Json, Json);
}
