using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Pipelines.Protocol;
using GitHost.Services.Pipelines.Runners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Pipelines.Artifacts;

/// <summary>
/// Artifacts as runners see them: a running step keeps its archive, and a step gets the archives of the
/// steps of earlier groups of its pipeline (not of its own parallel group, as in Bitbucket), in order.
/// </summary>
public sealed class StepArtifacts(GitHostDbContext db, PipelineArtifactStore store, IOptionsMonitor<PipelineSchedulerOptions> options)
{
    public async Task<long> SaveAsync(RunnerEntity runner, string stepUuid, Stream body, CancellationToken cancellationToken)
    {
        var step = await db.HeldStepAsync(runner, stepUuid, cancellationToken);
        if (step.State != PipelineStepState.Running)
        {
            throw new GitHostException(FailureKind.Conflict, $"Step {stepUuid} has ended; its artifacts are no longer taken.");
        }

        return await store.SaveAsync(step.PipelineId, step.Id, body, options.CurrentValue.MaxArtifactBytesPerStep, cancellationToken);
    }

    public async Task<IReadOnlyList<JobArtifact>> ListAsync(RunnerEntity runner, string stepUuid, CancellationToken cancellationToken)
    {
        var step = await db.HeldStepAsync(runner, stepUuid, cancellationToken);
        var earlier = await EarlierStepsAsync(step, cancellationToken);
        return earlier
            .Select(s => (Step: s, Size: store.SizeOf(s.PipelineId, s.Id)))
            .Where(a => a.Size is not null)
            .Select(a => new JobArtifact(PipelineIds.Format(a.Step.Uuid), a.Step.Name, a.Size!.Value))
            .ToList();
    }

    public async Task<Stream> OpenAsync(RunnerEntity runner, string stepUuid, string fromStepUuid, CancellationToken cancellationToken)
    {
        var step = await db.HeldStepAsync(runner, stepUuid, cancellationToken);
        var from = PipelineIds.ParseUuid(fromStepUuid);
        var source = (await EarlierStepsAsync(step, cancellationToken)).FirstOrDefault(s => s.Uuid == from);
        return (source is null ? null : store.OpenRead(source.PipelineId, source.Id))
            ?? throw new GitHostException(FailureKind.NotFound, $"No step before {stepUuid} kept artifacts as {fromStepUuid}.");
    }

    private async Task<List<PipelineStepEntity>> EarlierStepsAsync(PipelineStepEntity step, CancellationToken cancellationToken)
    {
        var (pipelineId, group) = (step.PipelineId, step.GroupIndex);
        return await db.PipelineSteps.AsNoTracking().Where(s => s.PipelineId == pipelineId && s.GroupIndex < group).OrderBy(s => s.Index).ToListAsync(cancellationToken);
    }
}
