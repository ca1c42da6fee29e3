namespace GitHost.Pipelines.Parsing.Yaml;

internal sealed record YamlTreeEntry(YamlTreeNode Key, YamlTreeNode Value)
{
    /// <summary>The key's text, or null for a key that is a list or map (which no pipelines key is).</summary>
    public string? KeyText => Key is YamlTreeScalar scalar ? scalar.Value : null;
}
