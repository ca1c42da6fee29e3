using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Audit;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// The instance-wide merge configuration of an SCM (<c>/rest/api/1.0/admin/pull-requests/git</c>):
/// every project and repository without a merge configuration of its own inherits it, and without it
/// the built-in default applies. Any signed-in user reads it; ADMIN changes it (Bitbucket's rule).
/// </summary>
public sealed class GlobalMergeConfig(GitHostDbContext db, PermissionService permissions, AuditWriter audit, EpochClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(MergeConfigDocument Config, MergeConfigSource Source)> GetAsync(Principal principal, string scmId, CancellationToken cancellationToken)
    {
        if (!principal.IsAuthenticated)
        {
            throw GitHostException.AuthenticationRequired();
        }

        PullRequestSettingsStore.DemandGit(scmId);
        return Effective(PullRequestSettingsStore.Parse(await LoadAsync(cancellationToken))?.MergeConfig);
    }

    /// <summary>Only <c>mergeConfig</c> is read from the body; <c>{"mergeConfig": {}}</c> removes the configuration.</summary>
    public async Task<(MergeConfigDocument Config, MergeConfigSource Source)> UpdateAsync(
        Principal principal, string scmId, JsonElement body, CancellationToken cancellationToken)
    {
        await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
        PullRequestSettingsStore.DemandGit(scmId);
        var saved = await db.WriteOrRetryAsUpdateAsync(
            ct => WriteAsync(body, ct),
            ct => db.ScopedSettings.AnyAsync(s => s.Kind == PullRequestSettingsStore.Kind && s.ScopeType == SettingsScope.Global, ct),
            cancellationToken);
        return Effective(saved);
    }

    private static (MergeConfigDocument, MergeConfigSource) Effective(MergeConfigDocument? config) =>
        config is null ? (PullRequestSettings.DefaultMergeConfig, MergeConfigSource.Default) : (config, MergeConfigSource.Scm);

    private async Task<MergeConfigDocument?> WriteAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var entity = await LoadAsync(cancellationToken);
        var before = PullRequestSettingsStore.Parse(entity)?.MergeConfig;
        var patched = PullRequestSettingsPatch.Apply(new PullRequestSettingsDocument { MergeConfig = before }, body);
        if (entity is null)
        {
            entity = new ScopedSettingsEntity { Kind = PullRequestSettingsStore.Kind, ScopeType = SettingsScope.Global, ScopeId = 0 };
            db.ScopedSettings.Add(entity);
        }

        // Merge checks are project and repository settings; the global level keeps only the merge configuration.
        entity.Json = JsonSerializer.Serialize(new PullRequestSettingsDocument { MergeConfig = patched.MergeConfig }, Json);
        entity.UpdatedDate = clock.NowMs();
        if (JsonSerializer.Serialize(before, Json) != JsonSerializer.Serialize(patched.MergeConfig, Json))
        {
            audit.Record(AuditAction.GlobalMergeConfigChanged, AuditSubject.Global, before, patched.MergeConfig);
        }

        await db.SaveChangesAsync(cancellationToken);
        return patched.MergeConfig;
    }

    private Task<ScopedSettingsEntity?> LoadAsync(CancellationToken cancellationToken) =>
        PullRequestSettingsStore.LoadAsync(db, SettingsScope.Global, 0, cancellationToken);
}
