namespace GitHost.Pipelines.Definitions;

/// <summary>
/// <c>- stage:</c>: steps that run in order as one unit. The stage's deployment, condition and
/// trigger apply to all its steps, which may not set deployment or condition themselves.
/// </summary>
public sealed record StageItem(string? Name, string? Deployment, ChangesetCondition? Condition, bool ManualTrigger,
    IReadOnlyList<StepDefinition> Steps) : PipelineItem;
