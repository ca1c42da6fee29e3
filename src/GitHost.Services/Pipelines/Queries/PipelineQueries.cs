using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Services.Permissions;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Pipelines.Queries;

/// <summary>Pipelines and their steps, for whoever may read the repository; a pipeline is named by its build number or its <c>{uuid}</c>.</summary>
public sealed class PipelineQueries(GitHostDbContext db, RepositoryLookup lookup, Logs.PipelineLogStore logs, Artifacts.PipelineArtifactStore artifacts)
{
    /// <summary>The step's log as stored so far (null when it has printed nothing yet); secured values were masked by the runner before sending.</summary>
    public async Task<Stream?> LogAsync(Principal principal, string projectKey, string slug, string id, string stepId, CancellationToken cancellationToken)
    {
        var (_, pipeline, step) = await StepAsync(principal, projectKey, slug, id, stepId, cancellationToken);
        return logs.OpenRead(pipeline.Id, step.Id);
    }

    public async Task<(RepositoryWithProject Repository, NumberedPage<PipelineEntity> Page)> ListAsync(
        Principal principal, string projectKey, string slug, int? page, int? pagelen, CancellationToken cancellationToken)
    {
        var (number, length) = NumberedPage<PipelineEntity>.Parse(page, pagelen);
        var repository = await lookup.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var all = db.Pipelines.AsNoTracking().Where(p => p.RepositoryId == repository.Repository.Id);
        var size = await all.CountAsync(cancellationToken);
        var values = await all.OrderByDescending(p => p.BuildNumber).Skip((number - 1) * length).Take(length).ToListAsync(cancellationToken);
        return (repository, new NumberedPage<PipelineEntity>(values, number, length, size));
    }

    public async Task<(RepositoryWithProject Repository, PipelineEntity Pipeline)> GetAsync(
        Principal principal, string projectKey, string slug, string id, CancellationToken cancellationToken)
    {
        var repository = await lookup.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return (repository, await FindAsync(repository.Repository.Id, id, cancellationToken));
    }

    public async Task<(RepositoryWithProject Repository, PipelineEntity Pipeline, IReadOnlyList<PipelineStepEntity> Steps)> StepsAsync(
        Principal principal, string projectKey, string slug, string id, CancellationToken cancellationToken)
    {
        var (repository, pipeline) = await GetAsync(principal, projectKey, slug, id, cancellationToken);
        var steps = await db.PipelineSteps.AsNoTracking().Where(s => s.PipelineId == pipeline.Id).OrderBy(s => s.Index).ToListAsync(cancellationToken);
        return (repository, pipeline, steps);
    }

    /// <summary>A step's log to read from any point (null before it has any), for a caller that found the step through this class, so the viewer may see it.</summary>
    public Stream? OpenLog(PipelineStepEntity step) => logs.OpenRead(step.PipelineId, step.Id);

    /// <summary>The size of the archive of files the step kept (<c>artifacts</c>), or null when it kept none.</summary>
    public long? ArtifactSize(PipelineStepEntity step) => artifacts.SizeOf(step.PipelineId, step.Id);

    /// <summary>The step's artifacts as a gzipped tar, or null when it kept none.</summary>
    public async Task<(PipelineStepEntity Step, Stream? Archive)> ArtifactsAsync(
        Principal principal, string projectKey, string slug, string id, string stepId, CancellationToken cancellationToken)
    {
        var (_, _, step) = await StepAsync(principal, projectKey, slug, id, stepId, cancellationToken);
        return (step, artifacts.OpenRead(step.PipelineId, step.Id));
    }

    public async Task<(RepositoryWithProject Repository, PipelineEntity Pipeline, PipelineStepEntity Step)> StepAsync(
        Principal principal, string projectKey, string slug, string id, string stepId, CancellationToken cancellationToken)
    {
        var (repository, pipeline) = await GetAsync(principal, projectKey, slug, id, cancellationToken);
        var uuid = PipelineIds.ParseUuid(stepId) ?? throw StepNotFound(stepId);
        var step = await db.PipelineSteps.AsNoTracking().FirstOrDefaultAsync(s => s.PipelineId == pipeline.Id && s.Uuid == uuid, cancellationToken)
            ?? throw StepNotFound(stepId);
        return (repository, pipeline, step);
    }

    /// <summary>Untracked; <see cref="PipelineCommands"/> loads its own tracked copy.</summary>
    internal async Task<PipelineEntity> FindAsync(long repositoryId, string id, CancellationToken cancellationToken)
    {
        var pipelines = db.Pipelines.AsNoTracking().Where(p => p.RepositoryId == repositoryId);
        PipelineEntity? found = null;
        if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            found = await pipelines.FirstOrDefaultAsync(p => p.BuildNumber == number, cancellationToken);
        }
        else if (PipelineIds.ParseUuid(id) is { } uuid)
        {
            found = await pipelines.FirstOrDefaultAsync(p => p.Uuid == uuid, cancellationToken);
        }

        return found ?? throw new GitHostException(FailureKind.NotFound, $"Pipeline {id} does not exist in this repository.");
    }

    private static GitHostException StepNotFound(string id) => new(FailureKind.NotFound, $"Step {id} does not exist in this pipeline.");
}
