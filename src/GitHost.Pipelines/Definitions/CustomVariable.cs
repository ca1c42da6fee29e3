namespace GitHost.Pipelines.Definitions;

/// <summary>
/// A variable asked for when a custom pipeline starts. An empty <see cref="AllowedValues"/> means any
/// value; otherwise <see cref="Default"/>, when set, is one of them.
/// </summary>
public sealed record CustomVariable(string Name, string? Default, IReadOnlyList<string> AllowedValues, string? Description);
