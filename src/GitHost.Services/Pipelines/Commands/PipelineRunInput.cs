namespace GitHost.Services.Pipelines.Commands;

/// <summary>
/// A pipeline run by hand: on a branch or tag (its head, or <see cref="CommitId"/> on it), the part of
/// the file <see cref="SelectorType"/> names (<c>custom</c> with the pipeline's name in
/// <see cref="Pattern"/>; <c>branches</c>, <c>tags</c> or <c>default</c>; null for what a push would run).
/// </summary>
public sealed record PipelineRunInput(
    string RefType, string RefName, string? CommitId, string? SelectorType, string? Pattern, IReadOnlyDictionary<string, string>? Variables);
