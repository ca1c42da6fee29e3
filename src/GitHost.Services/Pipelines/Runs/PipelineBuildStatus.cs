using GitHost.Core.Builds;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Services.Builds;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Pipelines.Runs;

/// <summary>
/// A pipeline reports itself as a build status on its commit, so the pull request's build merge checks
/// gate on it like on any CI. The key is stable per part of the file (<c>pipelines:branches:main</c>,
/// <c>pipelines:custom:deploy</c>), so a required-builds check can name it and a re-run replaces it.
/// </summary>
public sealed class PipelineBuildStatus(GitHostDbContext db, BuildStatuses statuses, IPipelineLinks links)
{
    public static string Key(PipelineEntity pipeline) =>
        pipeline.Pattern is null ? $"pipelines:{pipeline.Selector}" : $"pipelines:{pipeline.Selector}:{pipeline.Pattern}";

    public async Task ReportAsync(PipelineEntity pipeline, CancellationToken cancellationToken)
    {
        var place = await db.Repositories.AsNoTracking().Where(r => r.Id == pipeline.RepositoryId)
            .Join(db.Projects, r => r.ProjectId, p => p.Id, (r, p) => new { p.Key, r.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (place is null)
        {
            return;
        }

        var key = Key(pipeline);
        var state = pipeline.State switch
        {
            PipelineState.Successful => BuildState.Successful,
            PipelineState.Failed or PipelineState.Error => BuildState.Failed,
            PipelineState.Stopped => BuildState.Cancelled,
            _ => BuildState.InProgress,
        };
        var description = pipeline.State switch
        {
            PipelineState.Paused => "Paused: a manual step waits to be run",
            PipelineState.Stopped => "Stopped",
            PipelineState.Error => "Error: the pipeline could not run",
            _ => null,
        };
        var duration = pipeline.CompletedDate is { } done ? done - pipeline.CreatedDate : (long?)null;
        await statuses.RecordAsync(pipeline.RepositoryId, pipeline.CommitId, new BuildStatusInput(
            key.Length > 255 ? key[..255] : key, state, links.PipelinePage(place.Key, place.Slug, pipeline.BuildNumber),
            $"Pipeline #{pipeline.BuildNumber}", description, pipeline.BuildNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            null, RefId(pipeline), duration, null, null, null), cancellationToken);
    }

    private static string? RefId(PipelineEntity pipeline) => pipeline.RefType switch
    {
        "branch" => "refs/heads/" + pipeline.RefName,
        "tag" => "refs/tags/" + pipeline.RefName,
        _ => null,
    };
}
