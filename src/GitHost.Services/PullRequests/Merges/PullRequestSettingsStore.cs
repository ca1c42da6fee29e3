using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Services.Common;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// Pull request settings of projects and repositories: read with the caller's read access, written by
/// an administrator of the scope, resolved repository → project → defaults for merges and checks
/// (with the instance-wide <see cref="GlobalMergeConfig"/> between project and defaults for merges).
/// </summary>
public sealed class PullRequestSettingsStore(
    GitHostDbContext db, RepositoryLookup repositories, ProjectLookup projects, EpochClock clock)
{
    public const string Kind = "pull-requests";

    /// <summary>Bitbucket keys project settings by SCM; git is the only one.</summary>
    public const string GitScm = "git";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<PullRequestSettings> EffectiveAsync(long repositoryId, long projectId, CancellationToken cancellationToken) =>
        ResolveAsync(repositoryId, projectId, cancellationToken);

    public async Task<PullRequestSettings> GetRepositoryAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return await EffectiveAsync(found.Repository.Id, found.Project.Id, cancellationToken);
    }

    public async Task<PullRequestSettings> UpdateRepositoryAsync(
        Principal principal, string projectKey, string slug, JsonElement body, CancellationToken cancellationToken)
    {
        var found = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        await SaveAsync(SettingsScope.Repository, found.Repository.Id, body, cancellationToken);
        return await EffectiveAsync(found.Repository.Id, found.Project.Id, cancellationToken);
    }

    public async Task<PullRequestSettings> GetProjectAsync(Principal principal, string projectKey, string scmId, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectRead, cancellationToken);
        DemandGit(scmId);
        return await ResolveAsync(null, project.Id, cancellationToken);
    }

    public async Task<PullRequestSettings> UpdateProjectAsync(
        Principal principal, string projectKey, string scmId, JsonElement body, CancellationToken cancellationToken)
    {
        var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
        DemandGit(scmId);
        await SaveAsync(SettingsScope.Project, project.Id, body, cancellationToken);
        return await ResolveAsync(null, project.Id, cancellationToken);
    }

    internal static void DemandGit(string scmId)
    {
        if (scmId != GitScm)
        {
            throw new GitHostException(FailureKind.NotFound, $"No SCM with id {scmId} exists; git is the only one.");
        }
    }

    /// <summary>Two first writers of a scope race on the unique index; the loser applies its patch over the winner's row.</summary>
    private Task<PullRequestSettingsDocument> SaveAsync(SettingsScope scope, long scopeId, JsonElement body, CancellationToken cancellationToken) =>
        db.WriteOrRetryAsUpdateAsync(
            ct => WriteAsync(scope, scopeId, body, ct),
            ct => db.ScopedSettings.AnyAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, ct),
            cancellationToken);

    private async Task<PullRequestSettingsDocument> WriteAsync(SettingsScope scope, long scopeId, JsonElement body, CancellationToken cancellationToken)
    {
        var entity = await LoadAsync(scope, scopeId, cancellationToken);
        var updated = PullRequestSettingsPatch.Apply(Parse(entity) ?? new PullRequestSettingsDocument(), body);
        if (entity is null)
        {
            entity = new ScopedSettingsEntity { Kind = Kind, ScopeType = scope, ScopeId = scopeId };
            db.ScopedSettings.Add(entity);
        }

        entity.Json = JsonSerializer.Serialize(updated, Json);
        entity.UpdatedDate = clock.NowMs();
        await db.SaveChangesAsync(cancellationToken);
        return updated;
    }

    /// <summary>
    /// The repository's settings (when one is given), its project's and the instance's merge
    /// configuration, read in one statement and resolved nearest first.
    /// </summary>
    private async Task<PullRequestSettings> ResolveAsync(long? repositoryId, long projectId, CancellationToken cancellationToken)
    {
        var rows = await db.ScopedSettings.AsNoTracking()
            .Where(s => s.Kind == Kind && ((s.ScopeType == SettingsScope.Repository && s.ScopeId == repositoryId)
                || (s.ScopeType == SettingsScope.Project && s.ScopeId == projectId)
                || (s.ScopeType == SettingsScope.Global && s.ScopeId == 0)))
            .ToListAsync(cancellationToken);
        PullRequestSettingsDocument? Of(SettingsScope scope) => Parse(rows.FirstOrDefault(r => r.ScopeType == scope));
        return PullRequestSettings.Resolve(Of(SettingsScope.Repository), Of(SettingsScope.Project), Of(SettingsScope.Global)?.MergeConfig);
    }

    private Task<ScopedSettingsEntity?> LoadAsync(SettingsScope scope, long scopeId, CancellationToken cancellationToken) =>
        LoadAsync(db, scope, scopeId, cancellationToken);

    /// <summary>One scope's row (the instance's is <see cref="SettingsScope.Global"/>, id 0), tracked so it can be changed.</summary>
    internal static Task<ScopedSettingsEntity?> LoadAsync(GitHostDbContext db, SettingsScope scope, long scopeId, CancellationToken cancellationToken) =>
        db.ScopedSettings.FirstOrDefaultAsync(s => s.Kind == Kind && s.ScopeType == scope && s.ScopeId == scopeId, cancellationToken);

    internal static PullRequestSettingsDocument? Parse(ScopedSettingsEntity? entity) =>
        entity is null ? null : JsonSerializer.Deserialize<PullRequestSettingsDocument>(entity.Json, Json);
}
