namespace GitHost.Pipelines.Definitions;

/// <summary>A pipeline under <c>custom</c>: started by hand or by a schedule, by name.</summary>
public sealed record CustomPipeline(string Name, IReadOnlyList<CustomVariable> Variables, Pipeline Pipeline);
