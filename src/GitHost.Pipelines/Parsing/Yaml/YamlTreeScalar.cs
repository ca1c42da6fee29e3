using YamlDotNet.Core;

namespace GitHost.Pipelines.Parsing.Yaml;

internal sealed class YamlTreeScalar(YamlPosition start, string value, ScalarStyle style, bool hasTag) : YamlTreeNode(start)
{
    public string Value { get; } = value;

    /// <summary>A plain scalar without a tag: the only kind YAML reads as null, bool or number.</summary>
    public bool IsPlain { get; } = (style is ScalarStyle.Plain or ScalarStyle.Any) && !hasTag;

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}
