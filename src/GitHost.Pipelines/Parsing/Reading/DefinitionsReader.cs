using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// <c>definitions</c> may hold anything: it is where anchors live (<c>steps: - step: &amp;build</c>).
/// Only the names of <c>services</c> and <c>caches</c> matter here, for checking the steps that use them.
/// </summary>
internal static class DefinitionsReader
{
    public static void Read(ReadContext context, YamlTreeNode node, string path)
    {
        if (Nodes.Mapping(context, node, path, "Write definitions as a map, e.g. definitions:\n  services: ...") is not { } mapping)
        {
            return;
        }

        CollectNames(mapping, "services", context.DefinedServices);
        CollectNames(mapping, "caches", context.DefinedCaches);
    }

    private static void CollectNames(YamlTreeMapping definitions, string key, HashSet<string> names)
    {
        if (definitions.Find(key)?.Value is not YamlTreeMapping section)
        {
            return;
        }

        foreach (var entry in section.Entries)
        {
            if (entry.KeyText is { } name)
            {
                names.Add(name);
            }
        }
    }
}
