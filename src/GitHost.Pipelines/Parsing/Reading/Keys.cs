using System.Collections.Immutable;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// The keys Bitbucket documents at each place of the file (its published schema for
/// <c>bitbucket-pipelines.yml</c>). Keys GitHost accepts but does not act on are listed too, so a file
/// that Bitbucket accepts is accepted here.
/// </summary>
internal static class Keys
{
    public static ImmutableArray<string> Root { get; } = ["image", "options", "clone", "definitions", "pipelines", "export", "labels"];

    public static ImmutableArray<string> Options { get; } = ["max-time", "size", "docker", "runtime"];

    public static ImmutableArray<string> Clone { get; } =
        ["enabled", "depth", "lfs", "filter", "skip-ssl-verify", "sparse-checkout", "strategy", "tags"];

    public static ImmutableArray<string> Image { get; } = ["name", "username", "password", "email", "run-as-user", "aws"];

    public static ImmutableArray<string> Pipelines { get; } = ["default", "branches", "tags", "pull-requests", "custom"];

    public static ImmutableArray<string> PipelineItem { get; } = ["step", "parallel", "stage"];

    public static ImmutableArray<string> CustomPipelineItem { get; } = ["variables", "step", "parallel", "stage"];

    public static ImmutableArray<string> Step { get; } =
    [
        "name", "script", "after-script", "image", "max-time", "size", "trigger", "deployment", "condition",
        "caches", "services", "artifacts", "clone", "oidc", "runs-on", "runtime", "fail-fast",
    ];

    public static ImmutableArray<string> Parallel { get; } = ["fail-fast", "steps"];

    public static ImmutableArray<string> Stage { get; } = ["name", "deployment", "condition", "trigger", "steps"];

    public static ImmutableArray<string> StepListItem { get; } = ["step"];

    public static ImmutableArray<string> Condition { get; } = ["changesets"];

    public static ImmutableArray<string> Changesets { get; } = ["includePaths"];

    public static ImmutableArray<string> Pipe { get; } = ["pipe", "variables"];

    public static ImmutableArray<string> Variable { get; } = ["name", "default", "allowed-values", "description"];

    public static ImmutableArray<string> Artifacts { get; } = ["paths", "download"];

    public static ImmutableArray<string> Runtime { get; } = ["cloud"];

    public static ImmutableArray<string> RuntimeCloud { get; } = ["atlassian-ip-ranges", "arch", "version"];

    /// <summary>Caches Bitbucket defines itself; any other name must be under <c>definitions.caches</c>.</summary>
    public static ImmutableArray<string> PredefinedCaches { get; } =
        ["docker", "composer", "dotnetcore", "gradle", "ivy2", "maven", "node", "pip", "sbt"];

    /// <summary>The one service Bitbucket defines itself.</summary>
    public const string DockerService = "docker";
}
