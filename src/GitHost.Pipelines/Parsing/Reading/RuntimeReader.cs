using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// <c>runtime: cloud: ...</c> picks Bitbucket Cloud's machines (architecture, IP ranges). GitHost has
/// its own runners, so the keys are checked and otherwise ignored.
/// </summary>
internal static class RuntimeReader
{
    private const string Hint = "Write runtime:\n  cloud:\n    arch: arm";

    public static void Read(ReadContext context, YamlTreeNode node, string path)
    {
        if (Nodes.Mapping(context, node, path, Hint) is not { } mapping)
        {
            return;
        }

        var fields = new MappingFields(context, mapping, path, Keys.Runtime);
        if (fields["cloud"] is { } cloud && Nodes.Mapping(context, cloud, fields.PathOf("cloud"), Hint) is { } cloudMapping)
        {
            _ = new MappingFields(context, cloudMapping, fields.PathOf("cloud"), Keys.RuntimeCloud);
        }
    }
}
