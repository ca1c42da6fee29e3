using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Services.AccessTokens;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>
/// Hands a ready step to a runner: the oldest one whose labels the runner has, in a repository its scope
/// covers, while the repository is under its concurrency limit. The claim is one conditional update
/// (<c>State = Ready</c> → <c>Running</c>), so two runners racing for a step cannot both get it, on any database.
/// </summary>
public sealed class StepDispatcher(GitHostDbContext db, EpochClock clock, IOptionsMonitor<PipelineSchedulerOptions> options)
{
    private const int Candidates = 50;

    /// <summary>The claimed step with its place and the raw job token (only its hash is stored), or null when nothing fits.</summary>
    public async Task<ClaimedStep?> ClaimAsync(Data.Pipelines.RunnerEntity runner, CancellationToken cancellationToken)
    {
        var ready = await db.PipelineSteps.AsNoTracking().Where(s => s.State == PipelineStepState.Ready)
            .OrderBy(s => s.ReadyDate).ThenBy(s => s.Id).Take(Candidates).ToListAsync(cancellationToken);
        var fitting = ready.Where(s => RunnerLabels.Satisfies(runner.Labels, s.RunsOn)).ToList();
        if (fitting.Count == 0)
        {
            return null;
        }

        var places = await PlacesAsync(fitting.Select(s => s.RepositoryId).Distinct().ToList(), cancellationToken);
        var limit = options.CurrentValue.MaxConcurrentStepsPerRepository;
        foreach (var step in fitting)
        {
            if (!places.TryGetValue(step.RepositoryId, out var place) || !Covers(runner, place))
            {
                continue;
            }

            var running = await db.PipelineSteps.CountAsync(s => s.RepositoryId == step.RepositoryId && s.State == PipelineStepState.Running, cancellationToken);
            if (running >= limit)
            {
                continue;
            }

            var token = AccessTokenSignIn.JobTokenPrefix + AccessTokenSecret.Generate()[AccessTokenSecret.Prefix.Length..];
            var tokenHash = AccessTokenSecret.Hash(token);
            var now = clock.NowMs();
            var lease = now + (long)options.CurrentValue.LeaseDuration.TotalMilliseconds;
            var runnerId = runner.Id;
            var claimed = await db.PipelineSteps.Where(s => s.Id == step.Id && s.State == PipelineStepState.Ready)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.State, PipelineStepState.Running)
                    .SetProperty(x => x.RunnerId, runnerId)
                    .SetProperty(x => x.StartedDate, now)
                    .SetProperty(x => x.LeaseExpiresDate, lease)
                    .SetProperty(x => x.DispatchCount, x => x.DispatchCount + 1)
                    .SetProperty(x => x.JobTokenHash, tokenHash), cancellationToken);
            if (claimed == 1)
            {
                var taken = await db.PipelineSteps.AsNoTracking().FirstAsync(s => s.Id == step.Id, cancellationToken);
                return new ClaimedStep(taken, place, token);
            }
        }

        return null;
    }

    public async Task<Dictionary<long, StepPlace>> PlacesAsync(IReadOnlyCollection<long> repositoryIds, CancellationToken cancellationToken) =>
        await (from r in db.Repositories.AsNoTracking()
               join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
               join w in db.Workspaces.AsNoTracking() on p.WorkspaceId equals w.Id
               where repositoryIds.Contains(r.Id)
               select new StepPlace(r.Id, r.Slug, p.Id, p.Key, w.Id, w.Key))
            .ToDictionaryAsync(p => p.RepositoryId, cancellationToken);

    private static bool Covers(Data.Pipelines.RunnerEntity runner, StepPlace place) => runner.ScopeType switch
    {
        PipelineScope.Repository => runner.ScopeId == place.RepositoryId,
        PipelineScope.Project => runner.ScopeId == place.ProjectId,
        PipelineScope.Workspace => runner.ScopeId == place.WorkspaceId,
        _ => true,
    };
}

/// <summary>A step a runner now holds, with the job token it clones with.</summary>
public sealed record ClaimedStep(PipelineStepEntity Step, StepPlace Place, string JobToken);
