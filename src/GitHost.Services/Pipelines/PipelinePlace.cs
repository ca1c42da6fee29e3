using GitHost.Data.Pipelines;

namespace GitHost.Services.Pipelines;

/// <summary>Where runners and variables are managed, as the URL names it: the server, a project (<see cref="ProjectKey"/>) or a repository (and <see cref="Slug"/>).</summary>
public sealed record PipelinePlace(PipelineScope Scope, string? ProjectKey = null, string? Slug = null)
{
    public static PipelinePlace Server { get; } = new(PipelineScope.Server);
}
