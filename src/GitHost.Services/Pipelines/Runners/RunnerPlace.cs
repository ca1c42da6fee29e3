using GitHost.Data.Pipelines;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>Where runners are managed, as the URL names it: the server, a project (<see cref="ProjectKey"/>) or a repository (and <see cref="Slug"/>).</summary>
public sealed record RunnerPlace(PipelineScope Scope, string? ProjectKey = null, string? Slug = null)
{
    public static RunnerPlace Server { get; } = new(PipelineScope.Server);
}
