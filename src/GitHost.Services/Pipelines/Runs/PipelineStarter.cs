using System.Text.Json;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing;
using GitHost.Pipelines.Triggers;
using GitHost.Services.Common;
using GitHost.Services.Pipelines.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Pipelines.Runs;

/// <summary>
/// Records a pipeline for a commit: reads the file there, picks the part that applies, writes the
/// pipeline and its steps and queues the first group. A file that does not parse still makes a
/// pipeline, in ERROR, listing every problem, so a broken file is never a silent no-op. The caller
/// saves (with whatever else must stand or fall with it, such as the outbox mark).
/// </summary>
public sealed partial class PipelineStarter(
    GitHostDbContext db, PipelineFileReader files, PipelineFileParser parser, EpochClock clock, IOptionsMonitor<PipelineSchedulerOptions> options,
    ILogger<PipelineStarter> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The pipeline the file gives for this request (added to the context, not saved), or null when it gives none.</summary>
    /// <param name="select">Which part of the file applies; null from it means no pipeline.</param>
    /// <param name="honourSkip">Pushes honour <c>[skip ci]</c> in the commit message; someone running a pipeline by hand does not.</param>
    public async Task<PipelineEntity?> StartAsync(
        PipelineRequest request, Func<PipelineFile, SelectedPipeline?> select, bool honourSkip, CancellationToken cancellationToken)
    {
        var facts = files.Read(request.RepositoryId, request.CommitId);
        if (facts is null || !facts.HasFile || (honourSkip && SkipRequested(facts.Message)))
        {
            return null;
        }

        var parsed = facts.PipelineFile is null
            ? new PipelineParseResult(null, [TooLarge(facts.FileSize)])
            : parser.Parse(facts.PipelineFile);
        if (!parsed.IsValid)
        {
            Log.InvalidFile(logger, request.RepositoryId, request.CommitId, parsed.Problems.Count);
            return await AddAsync(request, "default", null, [], parsed.Problems, cancellationToken);
        }

        if (select(parsed.File!) is not { } selected)
        {
            return null;
        }

        var steps = PipelinePlan.Steps(parsed.File!, selected.Pipeline, options.CurrentValue.DefaultMaxTimeMinutes);
        SkipUnchanged(request, steps);
        return await AddAsync(request, selected.Selector, selected.Pattern, steps, [], cancellationToken);
    }

    /// <summary>Bitbucket's (and most CI's) way to push without building.</summary>
    public static bool SkipRequested(string message) =>
        message.Contains("[skip ci]", StringComparison.OrdinalIgnoreCase) || message.Contains("[ci skip]", StringComparison.OrdinalIgnoreCase);

    private static PipelineProblem TooLarge(long size) =>
        new(1, 1, $"The pipelines file is {size:N0} bytes, too large to read.", "Keep bitbucket-pipelines.yml under 1 MiB; move long scripts into files in the repository and call them.");

    /// <summary>Steps with a changeset condition that no changed path meets are skipped before anything runs.</summary>
    private void SkipUnchanged(PipelineRequest request, List<PipelineStepEntity> steps)
    {
        var conditional = steps.Select(s => (Step: s, Paths: PipelinePlan.Work(s).IncludePaths)).Where(s => s.Paths is { Count: > 0 }).ToList();
        if (conditional.Count == 0)
        {
            return;
        }

        var changed = files.ChangedPaths(request.RepositoryId, request.ChangedFromCommit, request.CommitId);
        if (changed is null)
        {
            return;
        }

        foreach (var (step, paths) in conditional)
        {
            if (!new ChangesetCondition(paths!).Matches(changed))
            {
                step.State = PipelineStepState.NotRun;
                step.Reason = "No changed file matches the step's changeset condition.";
            }
        }
    }

    private async Task<PipelineEntity> AddAsync(
        PipelineRequest request, string selector, string? pattern, List<PipelineStepEntity> steps, IReadOnlyList<PipelineProblem> problems,
        CancellationToken cancellationToken)
    {
        var now = clock.NowMs();
        var last = await db.Pipelines.Where(p => p.RepositoryId == request.RepositoryId).MaxAsync(p => (int?)p.BuildNumber, cancellationToken) ?? 0;
        var pending = db.Pipelines.Local.Where(p => p.RepositoryId == request.RepositoryId).Select(p => p.BuildNumber).DefaultIfEmpty(0).Max();
        var pipeline = new PipelineEntity
        {
            Uuid = Guid.NewGuid(),
            RepositoryId = request.RepositoryId,
            BuildNumber = Math.Max(last, pending) + 1,
            State = problems.Count > 0 ? PipelineState.Error : PipelineState.Pending,
            Trigger = request.Trigger,
            RefType = request.RefType,
            RefName = request.RefName,
            CommitId = request.CommitId,
            Selector = selector,
            Pattern = pattern,
            PullRequestNumber = request.PullRequestNumber,
            PullRequestDestinationBranch = request.PullRequestDestinationBranch,
            CreatorUserId = request.CreatorUserId,
            RerunOfId = request.RerunOfId,
            Variables = request.Variables is { Count: > 0 } variables ? JsonSerializer.Serialize(variables, Json) : null,
            Problems = problems.Count > 0 ? JsonSerializer.Serialize(problems, Json) : null,
            CreatedDate = now,
            CompletedDate = problems.Count > 0 ? now : null,
        };
        foreach (var step in steps)
        {
            step.RepositoryId = request.RepositoryId;
            pipeline.Steps.Add(step);
        }

        db.Pipelines.Add(pipeline);
        PipelineProgress.Advance(pipeline, steps, now);
        return pipeline;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "The pipelines file of repository {RepositoryId} at {CommitId} has {ProblemCount} problems: an ERROR pipeline is recorded")]
        public static partial void InvalidFile(ILogger logger, long repositoryId, string commitId, int problemCount);
    }
}
