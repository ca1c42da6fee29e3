namespace GitHost.Pipelines.Triggers;

/// <summary>What started a pipeline: a push of a branch or tag, a pull request, or a person or schedule (custom).</summary>
public enum PipelineTriggerKind
{
    Push,
    PullRequest,
    Custom,
}
