namespace GitHost.Web.Pipelines;

/// <summary>What a button on a pipeline's page posts: the action (<c>stop</c>, <c>run-step</c>, <c>rerun</c>, <c>rerun-failed</c>) and the step it is for.</summary>
public sealed class PipelineActionInput
{
    public string? Action { get; set; }

    public string? StepId { get; set; }
}
