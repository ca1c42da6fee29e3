using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

internal static class OptionsReader
{
    public static PipelineOptions Read(ReadContext context, YamlTreeNode node, string path)
    {
        if (Nodes.Mapping(context, node, path, "Write options as a map, e.g. options:\n  max-time: 30") is not { } mapping)
        {
            return PipelineOptions.Default;
        }

        var fields = new MappingFields(context, mapping, path, Keys.Options);
        var maxTime = fields["max-time"] is { } time ? OptionValues.MaxTime(context, time, fields.PathOf("max-time")) : null;
        var size = fields["size"] is { } sizeNode ? OptionValues.Size(context, sizeNode, fields.PathOf("size")) : null;
        var docker = fields["docker"] is { } dockerNode && Nodes.Bool(context, dockerNode, fields.PathOf("docker")) == true;
        if (fields["runtime"] is { } runtime)
        {
            RuntimeReader.Read(context, runtime, fields.PathOf("runtime"));
        }

        return new PipelineOptions(maxTime, size ?? PipelineOptions.Default.Size) { Docker = docker };
    }
}
