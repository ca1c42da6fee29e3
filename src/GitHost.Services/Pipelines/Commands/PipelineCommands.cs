using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Git.Reading;
using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Triggers;
using GitHost.Services.Common;
using GitHost.Services.Pipelines.Queries;
using GitHost.Services.Pipelines.Runners;
using GitHost.Services.Pipelines.Runs;
using GitHost.Services.Permissions;
using GitHost.Services.Repositories;
using LibGit2Sharp;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Pipelines.Commands;

/// <summary>What a person does to pipelines: run one by hand, stop one, start a paused manual step. Each needs write access to the repository.</summary>
public sealed class PipelineCommands(
    GitHostDbContext db, RepositoryLookup lookup, PipelineQueries queries, PipelineStarter starter, PipelineBuildStatus statuses,
    PipelineWrites writes, GitRepositoryOpener opener, PipelineQueueSignal queue, Logs.PipelineLogStore logs, Artifacts.PipelineArtifactStore artifacts, EpochClock clock)
{
    public async Task<(RepositoryWithProject Repository, PipelineEntity Pipeline)> RunAsync(
        Principal principal, string projectKey, string slug, PipelineRunInput input, CancellationToken cancellationToken)
    {
        var repository = await lookup.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoWrite, cancellationToken);
        var isTag = input.RefType switch
        {
            "branch" => false,
            "tag" => true,
            _ => throw GitHostException.Invalid("target.ref_type must be \"branch\" or \"tag\".", "target.ref_type"),
        };
        var commit = ResolveCommit(repository.Repository.Id, isTag, input.RefName, input.CommitId);
        IReadOnlyDictionary<string, string>? variables = null;
        var request = new PipelineRequest(
            repository.Repository.Id, commit, input.RefType, input.RefName, PipelineTrigger.Manual, principal.UserId);
        for (var attempt = 1; ; attempt++)
        {
            var pipeline = await starter.StartAsync(request, file =>
            {
                var selected = Select(file, input, isTag);
                if (selected?.Selector == "custom")
                {
                    variables = CustomVariableValues.Resolve(file.Custom.First(c => c.Name == selected.Pattern), input.Variables);
                }

                return selected;
            }, honourSkip: false, cancellationToken);
            if (pipeline is null)
            {
                throw GitHostException.Invalid(
                    $"Nothing to run: {input.RefName} at {commit[..12]} has no bitbucket-pipelines.yml, or no pipeline in it applies"
                    + (input.SelectorType is null ? "." : $" ({input.SelectorType} {input.Pattern})."), "target.selector");
            }

            // The custom pipeline's variables are known only once its file is read, inside the selection.
            if (variables is { Count: > 0 })
            {
                pipeline.Variables = System.Text.Json.JsonSerializer.Serialize(variables);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another pipeline took the build number: count again.
                db.ChangeTracker.Clear();
                continue;
            }

            queue.PulseIfReady([pipeline]);
            await statuses.ReportAsync(pipeline, cancellationToken);
            return (repository, pipeline);
        }
    }

    public async Task<PipelineEntity> StopAsync(Principal principal, string projectKey, string slug, string id, CancellationToken cancellationToken)
    {
        var pipelineId = await FindForWriteAsync(principal, projectKey, slug, id, cancellationToken);
        var who = principal.UserName ?? "someone";
        var (pipeline, stopped) = await writes.ChangeAsync(
            pipelineId, (pipeline, steps) => (pipeline, PipelineProgress.Stop(pipeline, steps, $"Stopped by {who}.", clock.NowMs())), cancellationToken);
        if (stopped)
        {
            await statuses.ReportAsync(pipeline, cancellationToken);
        }

        return pipeline;
    }

    /// <summary>Starts a paused manual step (and the group it heads).</summary>
    public async Task<PipelineEntity> RunStepAsync(
        Principal principal, string projectKey, string slug, string id, string stepId, CancellationToken cancellationToken)
    {
        var pipelineId = await FindForWriteAsync(principal, projectKey, slug, id, cancellationToken);
        var uuid = PipelineIds.ParseUuid(stepId);
        var pipeline = await writes.ChangeAsync(pipelineId, (pipeline, steps) =>
        {
            var step = steps.FirstOrDefault(s => s.Uuid == uuid)
                ?? throw new GitHostException(FailureKind.NotFound, $"Step {stepId} does not exist in this pipeline.");
            if (step.State != PipelineStepState.Paused || pipeline.State != PipelineState.Paused)
            {
                throw new GitHostException(FailureKind.Conflict, $"Step \"{step.Name}\" is not waiting to be run (it is {step.State.ToString().ToUpperInvariant()}).");
            }

            var now = clock.NowMs();
            foreach (var member in steps.Where(s => s.GroupIndex == step.GroupIndex && s.State == PipelineStepState.Paused))
            {
                member.State = PipelineStepState.Ready;
                member.ReadyDate = now;
            }

            PipelineProgress.Advance(pipeline, steps, now);
            return pipeline;
        }, cancellationToken);
        queue.PulseIfReady([pipeline]);
        await statuses.ReportAsync(pipeline, cancellationToken);
        return pipeline;
    }

    /// <summary>Runs the pipeline again as a new one: the same commit, ref, part of the file and variables, read from the file at that commit.</summary>
    public async Task<(RepositoryWithProject Repository, PipelineEntity Pipeline)> RerunAsync(
        Principal principal, string projectKey, string slug, string id, CancellationToken cancellationToken)
    {
        var repository = await lookup.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoWrite, cancellationToken);
        var earlier = await queries.FindAsync(repository.Repository.Id, id, cancellationToken);
        var variables = earlier.Variables is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(earlier.Variables);
        var request = new PipelineRequest(
            earlier.RepositoryId, earlier.CommitId, earlier.RefType, earlier.RefName, PipelineTrigger.Manual, principal.UserId,
            PullRequestNumber: earlier.PullRequestNumber, PullRequestDestinationBranch: earlier.PullRequestDestinationBranch,
            Variables: variables, RerunOfId: earlier.Id);
        for (var attempt = 1; ; attempt++)
        {
            var pipeline = await starter.StartAsync(request, file => SameSelection(file, earlier), honourSkip: false, cancellationToken)
                ?? throw new GitHostException(FailureKind.Conflict, $"Pipeline #{earlier.BuildNumber} cannot run again: the file at its commit no longer names it.");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            queue.PulseIfReady([pipeline]);
            await statuses.ReportAsync(pipeline, cancellationToken);
            return (repository, pipeline);
        }
    }

    /// <summary>
    /// Runs the steps that did not succeed again, in the same pipeline (Bitbucket's "Rerun failed steps"):
    /// they go back to waiting with their logs and artifacts cleared, and the pipeline moves on from its first unfinished group.
    /// </summary>
    public async Task<PipelineEntity> RerunFailedStepsAsync(Principal principal, string projectKey, string slug, string id, CancellationToken cancellationToken)
    {
        var pipelineId = await FindForWriteAsync(principal, projectKey, slug, id, cancellationToken);
        var pipeline = await writes.ChangeAsync(pipelineId, (pipeline, steps) =>
        {
            if (!PipelineProgress.IsFinal(pipeline.State) || pipeline.State is PipelineState.Successful || steps.Count == 0)
            {
                throw new GitHostException(FailureKind.Conflict, $"Pipeline #{pipeline.BuildNumber} has no failed steps to run again (it is {pipeline.State.ToString().ToUpperInvariant()}).");
            }

            foreach (var step in steps.Where(s => s.State != PipelineStepState.Successful))
            {
                step.State = PipelineStepState.Pending;
                step.RunnerId = null;
                step.ExitCode = null;
                step.Reason = null;
                step.StartedDate = null;
                step.CompletedDate = null;
                step.ReadyDate = null;
                step.LeaseExpiresDate = null;
                step.JobTokenHash = null;
                step.DispatchCount = 0;
                step.LogSize = 0;
                // Before the save: once saved the step is queued, and a runner's new log must not be deleted.
                logs.Delete(pipeline.Id, step.Id);
                artifacts.Delete(pipeline.Id, step.Id);
            }

            pipeline.State = PipelineState.Pending;
            pipeline.CompletedDate = null;
            PipelineProgress.Advance(pipeline, steps, clock.NowMs());
            return pipeline;
        }, cancellationToken);
        queue.PulseIfReady([pipeline]);
        await statuses.ReportAsync(pipeline, cancellationToken);
        return pipeline;
    }

    /// <summary>The part of the file an earlier pipeline ran, chosen as a run by hand names it.</summary>
    private static SelectedPipeline? SameSelection(PipelineFile file, PipelineEntity earlier) =>
        Select(file, new PipelineRunInput(earlier.RefType ?? "branch", earlier.RefName ?? "", null, earlier.Selector, earlier.Pattern ?? "", null), earlier.RefType == "tag");

    private async Task<long> FindForWriteAsync(Principal principal, string projectKey, string slug, string id, CancellationToken cancellationToken)
    {
        var repository = await lookup.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoWrite, cancellationToken);
        return (await queries.FindAsync(repository.Repository.Id, id, cancellationToken)).Id;
    }

    private static SelectedPipeline? Select(PipelineFile file, PipelineRunInput input, bool isTag) => input.SelectorType switch
    {
        null => isTag ? PipelineSelector.ForTag(file, input.RefName) : PipelineSelector.ForBranch(file, input.RefName),
        "custom" => PipelineSelector.ForCustom(file, input.Pattern ?? throw GitHostException.Invalid("A custom pipeline needs its name in target.selector.pattern.", "target.selector.pattern")),
        "default" => file.Default is { } pipeline ? new SelectedPipeline("default", null, pipeline) : null,
        "branches" => Matching(file.Branches, "branches", input.Pattern),
        "tags" => Matching(file.Tags, "tags", input.Pattern),
        "pull-requests" => Matching(file.PullRequests, "pull-requests", input.Pattern),
        _ => throw GitHostException.Invalid("target.selector.type must be custom, default, branches, tags or pull-requests.", "target.selector.type"),
    };

    private static SelectedPipeline? Matching(IReadOnlyList<PatternPipeline> pipelines, string selector, string? pattern) =>
        pipelines.FirstOrDefault(p => p.Pattern == pattern) is { } match ? new SelectedPipeline(selector, match.Pattern, match.Pipeline) : null;

    private string ResolveCommit(long repositoryId, bool isTag, string refName, string? commitId)
    {
        using var repository = opener.Open(repositoryId);
        var reference = repository.Refs[(isTag ? "refs/tags/" : "refs/heads/") + refName];
        var head = (reference?.ResolveToDirectReference()?.Target as GitObject)?.Peel<Commit>()
            ?? throw GitHostException.Invalid($"There is no {(isTag ? "tag" : "branch")} {refName}.", "target.ref_name");
        if (commitId is null)
        {
            return head.Sha;
        }

        var commit = repository.Lookup<Commit>(commitId) ?? throw GitHostException.Invalid($"There is no commit {commitId}.", "target.commit.hash");
        return commit.Sha;
    }
}
