using GitHost.Data;
using GitHost.Data.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Pipelines.Runs;

/// <summary>
/// The one way a pipeline and its steps are changed once they exist: load them, decide, save with the pipeline's
/// version checked. Two steps of a parallel group ending at once (two runners, two nodes) would otherwise both decide
/// from a view where the other still runs, and the pipeline would stay running with every step done. The writer that
/// saves second finds the version moved, and decides again on what the first one saved.
/// </summary>
public sealed class PipelineWrites(GitHostDbContext db)
{
    private const int Attempts = 10;

    public async Task<T> ChangeAsync<T>(
        long pipelineId, Func<PipelineEntity, List<PipelineStepEntity>, T> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var pipeline = await db.Pipelines.Include(p => p.Steps).FirstAsync(p => p.Id == pipelineId, cancellationToken);
            var outcome = decide(pipeline, pipeline.Steps.OrderBy(s => s.Index).ToList());
            if (!db.ChangeTracker.HasChanges())
            {
                return outcome;
            }

            pipeline.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return outcome;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
