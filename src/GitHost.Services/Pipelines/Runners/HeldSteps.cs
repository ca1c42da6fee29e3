using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Data.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>The step a runner speaks of, if that runner holds it: a runner hears of and acts on its own steps only.</summary>
internal static class HeldSteps
{
    public static async Task<PipelineStepEntity> HeldStepAsync(this GitHostDbContext db, RunnerEntity runner, string stepUuid, CancellationToken cancellationToken)
    {
        var uuid = PipelineIds.ParseUuid(stepUuid);
        var runnerId = runner.Id;
        return await db.PipelineSteps.AsNoTracking().FirstOrDefaultAsync(s => s.Uuid == uuid && s.RunnerId == runnerId, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"This runner holds no step {stepUuid}.");
    }
}
