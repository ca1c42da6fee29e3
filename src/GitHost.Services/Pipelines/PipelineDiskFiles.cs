using GitHost.Data;
using GitHost.Services.Pipelines.Artifacts;
using GitHost.Services.Pipelines.Logs;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Pipelines;

/// <summary>
/// The logs and artifacts a repository's pipelines left on disk. Their rows go with the repository's
/// (cascade); the files are named by pipeline id, so the ids are read before the rows go and the files
/// removed after.
/// </summary>
public sealed class PipelineDiskFiles(GitHostDbContext db, PipelineLogStore logs, PipelineArtifactStore artifacts)
{
    public async Task<IReadOnlyList<long>> PipelinesOfAsync(long repositoryId, CancellationToken cancellationToken) =>
        await db.Pipelines.Where(p => p.RepositoryId == repositoryId).Select(p => p.Id).ToListAsync(cancellationToken);

    public void Delete(IEnumerable<long> pipelineIds)
    {
        foreach (var id in pipelineIds)
        {
            logs.DeletePipeline(id);
            artifacts.DeletePipeline(id);
        }
    }
}
