namespace GitHost.Pipelines.Definitions;

/// <summary>The items of one pipeline, run in order: steps, parallel groups and stages.</summary>
public sealed record Pipeline(IReadOnlyList<PipelineItem> Items);
