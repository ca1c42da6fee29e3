namespace GitHost.Pipelines.Definitions;

/// <summary>One entry of a pipeline: a <see cref="StepItem"/>, <see cref="ParallelItem"/> or <see cref="StageItem"/>.</summary>
public abstract record PipelineItem;
