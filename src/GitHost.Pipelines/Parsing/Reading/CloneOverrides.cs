using GitHost.Pipelines.Definitions;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>The clone keys a file or a step sets; a step's clone settings override the file's key by key.</summary>
internal sealed record CloneOverrides(bool? Enabled, bool HasDepth, int? Depth)
{
    public static CloneOverrides None { get; } = new(null, false, null);

    public CloneSettings ApplyTo(CloneSettings baseline) =>
        new(Enabled ?? baseline.Enabled, HasDepth ? Depth : baseline.Depth);
}
