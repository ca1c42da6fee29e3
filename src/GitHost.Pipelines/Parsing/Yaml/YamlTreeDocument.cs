namespace GitHost.Pipelines.Parsing.Yaml;

/// <summary>The document's root (null for an empty file), or <see cref="Ok"/> false when the read stopped.</summary>
internal sealed record YamlTreeDocument(YamlTreeNode? Root, bool Ok)
{
    public static YamlTreeDocument Failed { get; } = new(null, false);
}
