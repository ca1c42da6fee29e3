using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Services.AccessTokens;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>
/// Runners for the server (global admins), a project (its admins) or a repository (its admins). Creating
/// one gives its registration token once; only its hash is kept.
/// </summary>
public sealed class RunnerAdministration(GitHostDbContext db, PipelineScopeAccess access, EpochClock clock)
{
    /// <summary>Heartbeats older than this make a runner OFFLINE.</summary>
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromSeconds(30);

    public async Task<(RunnerEntity Runner, string RegistrationToken)> CreateAsync(
        Principal principal, PipelinePlace place, string? name, IReadOnlyList<string>? labels, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await access.DemandAdminAsync(principal, place, cancellationToken);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 255)
        {
            throw GitHostException.Invalid("A runner needs a name of 1 to 255 characters.", "name");
        }

        var token = "GHR-" + AccessTokenSecret.Generate()[AccessTokenSecret.Prefix.Length..];
        var runner = new RunnerEntity
        {
            Uuid = Guid.NewGuid(),
            Name = name.Trim(),
            ScopeType = scope,
            ScopeId = scopeId,
            Labels = RunnerLabels.Normalize(labels),
            RegistrationTokenHash = AccessTokenSecret.Hash(token),
            CreatorUserId = principal.UserId,
            CreatedDate = clock.NowMs(),
        };
        db.PipelineRunners.Add(runner);
        await db.SaveChangesAsync(cancellationToken);
        return (runner, token);
    }

    public async Task<IReadOnlyList<RunnerEntity>> ListAsync(Principal principal, PipelinePlace place, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await access.DemandAdminAsync(principal, place, cancellationToken);
        return await db.PipelineRunners.AsNoTracking().Where(r => r.ScopeType == scope && r.ScopeId == scopeId).OrderBy(r => r.Name).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<RunnerEntity> GetAsync(Principal principal, PipelinePlace place, string uuid, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await access.DemandAdminAsync(principal, place, cancellationToken);
        var id = PipelineIds.ParseUuid(uuid);
        return await db.PipelineRunners.FirstOrDefaultAsync(r => r.Uuid == id && r.ScopeType == scope && r.ScopeId == scopeId, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"Runner {uuid} does not exist here.");
    }

    public async Task<RunnerEntity> SetEnabledAsync(Principal principal, PipelinePlace place, string uuid, bool enabled, CancellationToken cancellationToken)
    {
        var runner = await GetAsync(principal, place, uuid, cancellationToken);
        runner.Enabled = enabled;
        await db.SaveChangesAsync(cancellationToken);
        return runner;
    }

    /// <summary>Its running steps go back to the queue at once (counted as a lost runner), so nothing waits for a lease to lapse.</summary>
    public async Task DeleteAsync(Principal principal, PipelinePlace place, string uuid, CancellationToken cancellationToken)
    {
        var runner = await GetAsync(principal, place, uuid, cancellationToken);
        await db.PipelineSteps.Where(s => s.RunnerId == runner.Id && s.State == PipelineStepState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseExpiresDate, 0L), cancellationToken);
        db.PipelineRunners.Remove(runner);
        await db.SaveChangesAsync(cancellationToken);
    }

    public bool IsOnline(RunnerEntity runner) =>
        runner.LastSeenDate is { } seen && clock.NowMs() - seen < OnlineWindow.TotalMilliseconds;
}
