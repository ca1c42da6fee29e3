namespace GitHost.Pipelines.Parsing.Yaml;

/// <summary>A 1-based line and column in the file, as YamlDotNet's marks give them.</summary>
internal readonly record struct YamlPosition(int Line, int Column)
{
    public static YamlPosition Start { get; } = new(1, 1);

    public static YamlPosition From(YamlDotNet.Core.Mark mark) =>
        new((int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));
}
