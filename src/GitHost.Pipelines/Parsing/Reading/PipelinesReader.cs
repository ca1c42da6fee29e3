using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>The <c>pipelines</c> section: <c>default</c> and the branches, tags, pull-requests and custom maps.</summary>
internal static class PipelinesReader
{
    public static PipelineFile? Read(ReadContext context, YamlTreeNode node, string path)
    {
        const string hint = "Write pipelines as a map, e.g. pipelines:\n  default:\n    - step: ...";
        if (Nodes.Mapping(context, node, path, hint) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(context, mapping, path, Keys.Pipelines);
        if (!Keys.Pipelines.Any(mapping.ContainsKey))
        {
            context.Report(mapping, path, $"no pipeline is defined: add one of {string.Join(", ", Keys.Pipelines)}", hint);
        }

        var defaultPipeline = fields["default"] is { } defaultNode
            ? PipelineReader.Read(context, defaultNode, fields.PathOf("default"), allowVariables: false).Pipeline
            : null;
        return new PipelineFile(
            context.Image,
            context.Options,
            context.Clone,
            defaultPipeline,
            PatternSectionReader.Read(context, fields["branches"], fields.PathOf("branches"), "branch"),
            PatternSectionReader.Read(context, fields["tags"], fields.PathOf("tags"), "tag"),
            PatternSectionReader.Read(context, fields["pull-requests"], fields.PathOf("pull-requests"), "source branch"),
            CustomPipelinesReader.Read(context, fields["custom"], fields.PathOf("custom")));
    }
}
