namespace GitHost.Pipelines.Definitions;

/// <summary>
/// One step, with what it inherits already applied: <see cref="Size"/> and <see cref="MaxTimeMinutes"/>
/// fall back to <c>options</c>, <see cref="Image"/> to the top-level image and <see cref="CloneSettings"/> to
/// the top-level clone settings. <see cref="MaxTimeMinutes"/> null means neither set it (Bitbucket's
/// default is 120). Pipes called from <c>script</c> or <c>after-script</c> are listed in
/// <see cref="Pipes"/> and not in the scripts. <see cref="Line"/> is where the step's map starts, which
/// for <c>- step: *build</c> is the anchored definition.
/// </summary>
public sealed record StepDefinition(
    string? Name,
    IReadOnlyList<string> Script,
    IReadOnlyList<string> AfterScript,
    IReadOnlyList<string> RunsOn,
    int? MaxTimeMinutes,
    bool ManualTrigger,
    string? Deployment,
    ChangesetCondition? Condition,
    int Size,
    bool Oidc,
    string? Image,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Pipes,
    IReadOnlyList<string> Caches,
    IReadOnlyList<string> Artifacts,
    int Line)
{
    /// <summary><c>fail-fast</c> on a step in a parallel group: its failure stops the group.</summary>
    public bool FailFast { get; init; }

    /// <summary><c>artifacts.download</c>: false when the step does not want earlier steps' artifacts.</summary>
    public bool DownloadArtifacts { get; init; } = true;

    public CloneSettings CloneSettings { get; init; } = CloneSettings.Default;
}
