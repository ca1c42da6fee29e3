using GitHost.Pipelines.Definitions;

namespace GitHost.Services.Pipelines.Runs;

/// <summary>
/// What a step runs, kept with the step (as JSON) from the file as it was at the pipeline's commit, so
/// a runner gets the same step however the file changes later.
/// </summary>
public sealed record StepWork(
    IReadOnlyList<string> Script,
    IReadOnlyList<string> AfterScript,
    string? Image,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Pipes,
    IReadOnlyList<string> Caches,
    IReadOnlyList<string> Artifacts,
    bool Oidc,
    int Size,
    bool CloneEnabled,
    int? CloneDepth,
    IReadOnlyList<string>? IncludePaths,
    bool DownloadArtifacts = true)
{
    /// <summary>The parser has already applied what a step inherits (image, size, clone settings); a stage's condition is added here.</summary>
    public static StepWork From(StepDefinition step, ChangesetCondition? stageCondition) => new(
        step.Script, step.AfterScript, step.Image, step.Services, step.Pipes, step.Caches, step.Artifacts,
        step.Oidc, step.Size, step.CloneSettings.Enabled, step.CloneSettings.Depth, (step.Condition ?? stageCondition)?.IncludePaths,
        step.DownloadArtifacts);
}
