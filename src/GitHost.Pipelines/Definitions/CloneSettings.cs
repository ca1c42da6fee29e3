namespace GitHost.Pipelines.Definitions;

/// <summary>
/// How the repository is cloned into a step. <see cref="Depth"/> null means a full clone
/// (<c>depth: full</c>); Bitbucket's default is a shallow clone of 50 commits.
/// </summary>
public sealed record CloneSettings(bool Enabled, int? Depth)
{
    public const int DefaultDepth = 50;

    public static CloneSettings Default { get; } = new(true, DefaultDepth);
}
