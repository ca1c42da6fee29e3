namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>Where a step stands; a step in a stage may not set its own condition or deployment.</summary>
internal enum StepPlace
{
    Pipeline,
    Parallel,
    Stage,
}
