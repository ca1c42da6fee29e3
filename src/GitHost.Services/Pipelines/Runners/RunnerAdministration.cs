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
public sealed class RunnerAdministration(
    GitHostDbContext db, PermissionService permissions, ProjectLookup projects, RepositoryLookup repositories, EpochClock clock)
{
    /// <summary>Heartbeats older than this make a runner OFFLINE.</summary>
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromSeconds(30);

    public async Task<(RunnerEntity Runner, string RegistrationToken)> CreateAsync(
        Principal principal, RunnerPlace place, string? name, IReadOnlyList<string>? labels, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await DemandAdminAsync(principal, place, cancellationToken);
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

    public async Task<IReadOnlyList<RunnerEntity>> ListAsync(Principal principal, RunnerPlace place, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await DemandAdminAsync(principal, place, cancellationToken);
        return await db.PipelineRunners.AsNoTracking().Where(r => r.ScopeType == scope && r.ScopeId == scopeId).OrderBy(r => r.Name).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<RunnerEntity> GetAsync(Principal principal, RunnerPlace place, string uuid, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await DemandAdminAsync(principal, place, cancellationToken);
        var id = PipelineIds.ParseUuid(uuid);
        return await db.PipelineRunners.FirstOrDefaultAsync(r => r.Uuid == id && r.ScopeType == scope && r.ScopeId == scopeId, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"Runner {uuid} does not exist here.");
    }

    public async Task<RunnerEntity> SetEnabledAsync(Principal principal, RunnerPlace place, string uuid, bool enabled, CancellationToken cancellationToken)
    {
        var runner = await GetAsync(principal, place, uuid, cancellationToken);
        runner.Enabled = enabled;
        await db.SaveChangesAsync(cancellationToken);
        return runner;
    }

    /// <summary>Its running steps go back to the queue at once (counted as a lost runner), so nothing waits for a lease to lapse.</summary>
    public async Task DeleteAsync(Principal principal, RunnerPlace place, string uuid, CancellationToken cancellationToken)
    {
        var runner = await GetAsync(principal, place, uuid, cancellationToken);
        await db.PipelineSteps.Where(s => s.RunnerId == runner.Id && s.State == PipelineStepState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseExpiresDate, 0L), cancellationToken);
        db.PipelineRunners.Remove(runner);
        await db.SaveChangesAsync(cancellationToken);
    }

    public bool IsOnline(RunnerEntity runner) =>
        runner.LastSeenDate is { } seen && clock.NowMs() - seen < OnlineWindow.TotalMilliseconds;

    private async Task<(PipelineScope Scope, long ScopeId)> DemandAdminAsync(Principal principal, RunnerPlace place, CancellationToken cancellationToken)
    {
        switch (place.Scope)
        {
            case PipelineScope.Repository:
                var repository = await repositories.FindWithLevelAsync(principal, place.ProjectKey!, place.Slug!, Permission.RepoAdmin, cancellationToken);
                return (PipelineScope.Repository, repository.Repository.Id);
            case PipelineScope.Project:
                var project = await projects.FindWithLevelAsync(principal, place.ProjectKey!, Permission.ProjectAdmin, cancellationToken);
                return (PipelineScope.Project, project.Id);
            default:
                await permissions.DemandGlobalAsync(principal, Permission.Admin, cancellationToken);
                return (PipelineScope.Server, 0);
        }
    }
}
