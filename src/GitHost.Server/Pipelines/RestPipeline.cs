using System.Text.Json;
using GitHost.Data.Pipelines;
using GitHost.Pipelines.Definitions;
using GitHost.Services.Pipelines;

namespace GitHost.Server.Pipelines;

/// <summary>A pipeline in Bitbucket Cloud's shape (the only Bitbucket pipelines API there is), plus <c>problems</c> for an invalid file.</summary>
public sealed record RestPipeline(
    string Type,
    string Uuid,
    int BuildNumber,
    RestPipelineTarget Target,
    RestPipelineTrigger Trigger,
    RestPipelineState State,
    string CreatedOn,
    string? CompletedOn,
    long? DurationInSeconds,
    IReadOnlyDictionary<string, string>? Variables,
    RestPipelineError? Error,
    IReadOnlyList<PipelineProblem>? Problems,
    RestPipelineLinks Links)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RestPipeline From(PipelineEntity pipeline, string selfUrl, string pageUrl)
    {
        var problems = pipeline.Problems is null ? null : JsonSerializer.Deserialize<List<PipelineProblem>>(pipeline.Problems, Json);
        return new RestPipeline(
            "pipeline",
            PipelineIds.Format(pipeline.Uuid),
            pipeline.BuildNumber,
            RestPipelineTarget.From(pipeline),
            RestPipelineTrigger.Of(pipeline.Trigger),
            RestPipelineState.Of(pipeline.State),
            RestDates.Iso(pipeline.CreatedDate)!,
            RestDates.Iso(pipeline.CompletedDate),
            pipeline.CompletedDate is { } done ? (done - pipeline.CreatedDate) / 1000 : null,
            pipeline.Variables is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(pipeline.Variables, Json),
            problems is { Count: > 0 } ? new RestPipelineError("pipeline_error", "plan-service.parse.invalid-yaml", Summary(problems)) : null,
            problems,
            new RestPipelineLinks(new RestHref(selfUrl), new RestHref(pageUrl), new RestHref(selfUrl + "/steps")));
    }

    private static string Summary(List<PipelineProblem> problems) =>
        $"bitbucket-pipelines.yml is invalid: {problems[0].Message} (line {problems[0].Line}, column {problems[0].Column})"
        + (problems.Count > 1 ? $" and {problems.Count - 1} more problem(s)." : ".");
}

/// <summary>
/// <c>pipeline_ref_target</c> (a branch or tag: <c>ref_type</c>, <c>ref_name</c>) or
/// <c>pipeline_pullrequest_target</c> (<c>source</c>, <c>destination</c>, <c>pullrequest.id</c>), each
/// with the commit and the <c>selector</c> that chose the pipeline in the file.
/// </summary>
public sealed record RestPipelineTarget(
    string Type,
    string? RefType,
    string? RefName,
    string? Source,
    string? Destination,
    RestPipelinePullRequest? Pullrequest,
    RestPipelineCommit Commit,
    RestPipelineSelector Selector)
{
    public static RestPipelineTarget From(PipelineEntity pipeline)
    {
        var commit = new RestPipelineCommit("commit", pipeline.CommitId);
        var selector = new RestPipelineSelector(pipeline.Selector, pipeline.Pattern);
        return pipeline.PullRequestNumber is { } number
            ? new("pipeline_pullrequest_target", null, null, pipeline.RefName, pipeline.PullRequestDestinationBranch, new RestPipelinePullRequest(number), commit, selector)
            : new("pipeline_ref_target", pipeline.RefType, pipeline.RefName, null, null, null, commit, selector);
    }
}

public sealed record RestPipelineCommit(string Type, string Hash);

public sealed record RestPipelineSelector(string Type, string? Pattern);

public sealed record RestPipelinePullRequest(long Id);

/// <summary><c>pipeline_trigger_push</c>, <c>pipeline_trigger_pull_request</c> or <c>pipeline_trigger_manual</c>.</summary>
public sealed record RestPipelineTrigger(string Type, string Name)
{
    public static RestPipelineTrigger Of(PipelineTrigger trigger) => trigger switch
    {
        PipelineTrigger.Push => new("pipeline_trigger_push", "PUSH"),
        PipelineTrigger.PullRequest => new("pipeline_trigger_pull_request", "PULL_REQUEST"),
        _ => new("pipeline_trigger_manual", "MANUAL"),
    };
}

public sealed record RestPipelineError(string Type, string Key, string Message);

public sealed record RestPipelineLinks(RestHref Self, RestHref Html, RestHref Steps);

public sealed record RestHref(string Href);
