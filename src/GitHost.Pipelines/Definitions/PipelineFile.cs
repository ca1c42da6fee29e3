namespace GitHost.Pipelines.Definitions;

/// <summary>
/// A parsed <c>bitbucket-pipelines.yml</c>. The pattern lists keep the file's order; which one runs
/// is decided by <see cref="Triggers.PipelineSelector"/>.
/// </summary>
public sealed record PipelineFile(
    string? Image,
    PipelineOptions Options,
    CloneSettings CloneSettings,
    Pipeline? Default,
    IReadOnlyList<PatternPipeline> Branches,
    IReadOnlyList<PatternPipeline> Tags,
    IReadOnlyList<PatternPipeline> PullRequests,
    IReadOnlyList<CustomPipeline> Custom);
