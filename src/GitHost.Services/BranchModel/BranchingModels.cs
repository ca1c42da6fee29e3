using System.Text.Json;
using GitHost.Core.Permissions;
using GitHost.Core.RefMatching;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Data.Repositories;
using GitHost.Services.Audit;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.BranchModel;

/// <summary>
/// Branching model configurations of projects and repositories (a settings document of kind
/// <c>branch-model</c>): a repository without one uses its project's, a project without one
/// Bitbucket's default. Read with read access, written by an administrator of the scope.
/// </summary>
public sealed partial class BranchingModels(
    GitHostDbContext db, RepositoryLookup repositories, ProjectLookup projects, EpochClock clock, AuditWriter audit, ILogger<BranchingModels> logger)
{
    public const string Kind = "branch-model";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The configuration in force for a repository: its own, its project's, or the default.</summary>
    public Task<BranchModelDocument> EffectiveDocumentAsync(long repositoryId, long projectId, CancellationToken cancellationToken) =>
        EffectiveDocumentAsync(db, repositoryId, projectId, cancellationToken);

    /// <summary>As <see cref="EffectiveAsync(RepositoryEntity, CancellationToken)"/>, for code that holds only the database (the ref matchers of conditions).</summary>
    public static async Task<BranchingModel> EffectiveAsync(GitHostDbContext db, RepositoryEntity repository, CancellationToken cancellationToken) =>
        (await EffectiveDocumentAsync(db, repository.Id, repository.ProjectId, cancellationToken)).ToModel(repository.DefaultBranch);

    private static async Task<BranchModelDocument> EffectiveDocumentAsync(GitHostDbContext db, long repositoryId, long projectId, CancellationToken cancellationToken)
    {
        var rows = await db.ScopedSettings.AsNoTracking()
            .Where(s => s.Kind == Kind
                && ((s.ScopeType == SettingsScope.Repository && s.ScopeId == repositoryId) || (s.ScopeType == SettingsScope.Project && s.ScopeId == projectId)))
            .Select(s => new { s.ScopeType, s.Json })
            .ToListAsync(cancellationToken);
        var row = rows.OrderByDescending(r => r.ScopeType).FirstOrDefault();
        return row is null ? BranchModelDocument.Default : Parse(row.Json);
    }

    /// <summary>The model the ref matchers of branch permissions, default reviewers and required builds use.</summary>
    public async Task<BranchingModel> EffectiveAsync(RepositoryEntity repository, CancellationToken cancellationToken) =>
        (await EffectiveDocumentAsync(repository.Id, repository.ProjectId, cancellationToken)).ToModel(repository.DefaultBranch);

    public async Task<(RepositoryWithProject Repository, BranchModelDocument Document)> RepositoryAsync(
        Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return (found, await EffectiveDocumentAsync(found.Repository.Id, found.Project.Id, cancellationToken));
    }

    public async Task<BranchModelDocument> ProjectAsync(Principal principal, string projectKey, CancellationToken cancellationToken)
    {
        var project = await projects.FindVisibleAsync(principal, projectKey, cancellationToken);
        return await LoadAsync(SettingsScope.Project, project.Id, cancellationToken) ?? BranchModelDocument.Default;
    }

    public async Task<BranchModelDocument> SetRepositoryAsync(
        Principal principal, string projectKey, string slug, BranchModelInput input, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        var document = input.Parse();
        await SaveAsync(SettingsScope.Repository, found.Repository.Id, AuditSubject.Repository(found.Repository, found.Project), document, principal, cancellationToken);
        return document;
    }

    public async Task<BranchModelDocument> SetProjectAsync(Principal principal, string projectKey, BranchModelInput input, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
        var document = input.Parse();
        await SaveAsync(SettingsScope.Project, project.Id, AuditSubject.Project(project), document, principal, cancellationToken);
        return document;
    }

    public async Task DeleteRepositoryAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        await DeleteAsync(SettingsScope.Repository, found.Repository.Id, AuditSubject.Repository(found.Repository, found.Project), principal, cancellationToken);
    }

    public async Task DeleteProjectAsync(Principal principal, string projectKey, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
        await DeleteAsync(SettingsScope.Project, project.Id, AuditSubject.Project(project), principal, cancellationToken);
    }

    private async Task<BranchModelDocument?> LoadAsync(SettingsScope scope, long scopeId, CancellationToken cancellationToken)
    {
        var json = await db.ScopedSettings.AsNoTracking()
            .Where(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId).Select(s => s.Json).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : Parse(json);
    }

    /// <summary>Two first writers of a scope race on the unique index; the loser overwrites the winner's row.</summary>
    private async Task SaveAsync(
        SettingsScope scope, long scopeId, AuditSubject place, BranchModelDocument document, Principal principal, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(document, Json);
        await db.WriteOrRetryAsUpdateAsync(
            async ct =>
            {
                var row = await db.ScopedSettings.FirstOrDefaultAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, ct);
                var before = row?.Json;
                if (row is null)
                {
                    row = new ScopedSettingsEntity { Kind = Kind, ScopeType = scope, ScopeId = scopeId };
                    db.ScopedSettings.Add(row);
                }

                row.Json = json;
                row.UpdatedDate = clock.NowMs();
                audit.Record(AuditAction.BranchModelModified, place, before is null ? null : JsonDocument.Parse(before).RootElement, document);
                await db.SaveChangesAsync(ct);
            },
            ct => db.ScopedSettings.AnyAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, ct),
            cancellationToken);
        Log.Saved(logger, scope.ToString(), scopeId, principal.UserId);
    }

    private async Task DeleteAsync(SettingsScope scope, long scopeId, AuditSubject place, Principal principal, CancellationToken cancellationToken)
    {
        var row = await db.ScopedSettings.FirstOrDefaultAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, cancellationToken);
        if (row is null)
        {
            return;
        }

        db.ScopedSettings.Remove(row);
        audit.Record(AuditAction.BranchModelModified, place, JsonDocument.Parse(row.Json).RootElement, null);
        await db.SaveChangesAsync(cancellationToken);
        Log.Deleted(logger, scope.ToString(), scopeId, principal.UserId);
    }

    private static BranchModelDocument Parse(string json) => JsonSerializer.Deserialize<BranchModelDocument>(json, Json) ?? BranchModelDocument.Default;

    private static partial class Log
    {
        [LoggerMessage(EventId = 6050, Level = LogLevel.Information, Message = "Branching model of {Scope} {ScopeId} set by {UserId}")]
        public static partial void Saved(ILogger logger, string scope, long scopeId, long? userId);

        [LoggerMessage(EventId = 6051, Level = LogLevel.Information, Message = "Branching model of {Scope} {ScopeId} reset to the default by {UserId}")]
        public static partial void Deleted(ILogger logger, string scope, long scopeId, long? userId);
    }
}
