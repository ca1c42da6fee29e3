namespace GitHost.Pipelines.Definitions;

/// <summary>A pipeline under <c>branches</c>, <c>tags</c> or <c>pull-requests</c>, keyed by a glob.</summary>
public sealed record PatternPipeline(string Pattern, Pipeline Pipeline);
