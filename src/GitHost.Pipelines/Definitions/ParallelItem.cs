namespace GitHost.Pipelines.Definitions;

/// <summary>
/// <c>- parallel:</c>: steps that run at the same time. <see cref="FailFast"/> stops the whole group
/// when one fails; a single step can ask for that too (<see cref="StepDefinition.FailFast"/>).
/// </summary>
public sealed record ParallelItem(bool FailFast, IReadOnlyList<StepDefinition> Steps) : PipelineItem;
