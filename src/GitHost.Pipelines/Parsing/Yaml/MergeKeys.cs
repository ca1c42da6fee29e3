namespace GitHost.Pipelines.Parsing.Yaml;

/// <summary>
/// YAML's merge key (<c>&lt;&lt;: *common</c>), as Bitbucket reads it: the map's own keys win over
/// merged ones wherever they are written, and in <c>&lt;&lt;: [*a, *b]</c> earlier maps win over later
/// ones. Merged entries are the anchored nodes themselves, so they keep their own line numbers.
/// </summary>
internal static class MergeKeys
{
    public static bool IsMergeKey(YamlTreeNode key) => key is YamlTreeScalar { IsPlain: true, Value: "<<" };

    public static bool IsMergeable(YamlTreeNode value) =>
        value is YamlTreeMapping || value is YamlTreeSequence sequence && sequence.Items.All(i => i is YamlTreeMapping);

    public static void Apply(YamlTreeMapping target, IReadOnlyList<YamlTreeNode> sources)
    {
        foreach (var source in sources)
        {
            if (source is YamlTreeMapping mapping)
            {
                MergeFrom(target, mapping);
                continue;
            }

            foreach (var item in ((YamlTreeSequence)source).Items)
            {
                MergeFrom(target, (YamlTreeMapping)item);
            }
        }
    }

    private static void MergeFrom(YamlTreeMapping target, YamlTreeMapping source)
    {
        foreach (var entry in source.Entries)
        {
            if (entry.KeyText is { } key && !target.ContainsKey(key))
            {
                target.Add(entry);
            }
        }
    }
}
