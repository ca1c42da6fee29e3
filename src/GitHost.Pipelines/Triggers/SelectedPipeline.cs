using GitHost.Pipelines.Definitions;

namespace GitHost.Pipelines.Triggers;

/// <summary>
/// The pipeline chosen for an event. <see cref="Selector"/> is the section it came from
/// (<c>default</c>, <c>branches</c>, <c>tags</c>, <c>pull-requests</c> or <c>custom</c>, as Bitbucket
/// names them in its REST API); <see cref="Pattern"/> is the glob or custom name that matched, null
/// for <c>default</c>.
/// </summary>
public sealed record SelectedPipeline(string Selector, string? Pattern, Pipeline Pipeline);
