namespace GitHost.Pipelines.Definitions;

/// <summary><c>- step:</c> in a pipeline.</summary>
public sealed record StepItem(StepDefinition Step) : PipelineItem;
