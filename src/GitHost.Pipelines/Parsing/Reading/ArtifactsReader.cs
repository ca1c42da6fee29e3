using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary><c>artifacts: [globs]</c>, or <c>artifacts: {paths: [globs], download: false}</c>.</summary>
internal static class ArtifactsReader
{
    private const string Hint = "Write artifacts:\n      - dist/**\nor artifacts:\n      download: false\n      paths:\n        - dist/**";

    public static (List<string> Paths, bool Download) Read(ReadContext context, YamlTreeNode node, string path)
    {
        if (node is not YamlTreeMapping mapping)
        {
            return (Nodes.TextList(context, node, path, Hint) ?? [], true);
        }

        var fields = new MappingFields(context, mapping, path, Keys.Artifacts);
        var paths = fields["paths"] is { } pathsNode ? Nodes.TextList(context, pathsNode, fields.PathOf("paths"), Hint) ?? [] : [];
        var download = fields["download"] is not { } downloadNode || Nodes.Bool(context, downloadNode, fields.PathOf("download")) != false;
        return (paths, download);
    }
}
