namespace GitHost.Pipelines.Definitions;

/// <summary>
/// The top-level <c>options</c>. <see cref="MaxTimeMinutes"/> is null when the file does not set it
/// (Bitbucket then allows 120 minutes); <see cref="Size"/> is the multiplier of <c>1x</c>…<c>32x</c>.
/// </summary>
public sealed record PipelineOptions(int? MaxTimeMinutes, int Size)
{
    public static PipelineOptions Default { get; } = new(null, 1);

    /// <summary><c>options.docker</c>: every step gets the Docker service.</summary>
    public bool Docker { get; init; }
}
