using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary><c>custom</c>: named pipelines, each optionally starting with <c>- variables:</c>.</summary>
internal static class CustomPipelinesReader
{
    public static List<CustomPipeline> Read(ReadContext context, YamlTreeNode? node, string path)
    {
        var pipelines = new List<CustomPipeline>();
        if (node is null
            || Nodes.Mapping(context, node, path, "Map names to pipelines, e.g. custom:\n  deploy:\n    - step: ...") is not { } mapping)
        {
            return pipelines;
        }

        foreach (var entry in mapping.Entries)
        {
            if (entry.KeyText is not { Length: > 0 } name)
            {
                context.Report(entry.Key, path, $"a custom pipeline's name must be text, found {Describe.Node(entry.Key)}",
                    "Write the name as the key, e.g. deploy-to-staging:");
                continue;
            }

            var entryPath = YamlPath.Key(path, name);
            if (entry.Value is YamlTreeMapping imported && imported.ContainsKey("import"))
            {
                context.Report(entry.Value, entryPath, "importing a shared pipeline from another repository is not supported by GitHost",
                    "Copy the shared pipeline's steps into this file.");
                continue;
            }

            var (pipeline, variables) = PipelineReader.Read(context, entry.Value, entryPath, allowVariables: true);
            if (pipeline is not null)
            {
                pipelines.Add(new CustomPipeline(name, variables, pipeline));
            }
        }

        return pipelines;
    }
}
