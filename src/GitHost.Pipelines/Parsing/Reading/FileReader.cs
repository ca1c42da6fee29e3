using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// The top of the file. What steps inherit or refer to (definitions, image, options, clone) is read
/// first, wherever it is written, so the steps can be checked against it.
/// </summary>
internal static class FileReader
{
    private const string Example = "Start from:\npipelines:\n  default:\n    - step:\n        script:\n          - echo hello";

    public static PipelineFile? Read(ReadContext context, YamlTreeNode? root)
    {
        if (root is null)
        {
            context.Report(YamlPosition.Start, "", "the file is empty (or holds only comments)", Example);
            return null;
        }

        if (root is not YamlTreeMapping mapping)
        {
            context.Report(root, "", $"the file must be a map with a \"pipelines\" key, found {Describe.Node(root)}", Example);
            return null;
        }

        var fields = new MappingFields(context, mapping, "", Keys.Root);
        if (fields["definitions"] is { } definitions)
        {
            DefinitionsReader.Read(context, definitions, "definitions");
        }

        if (fields["image"] is { } image)
        {
            context.Image = ImageReader.Read(context, image, "image");
        }

        if (fields["options"] is { } options)
        {
            context.Options = OptionsReader.Read(context, options, "options");
        }

        if (fields["clone"] is { } clone)
        {
            context.Clone = CloneReader.Read(context, clone, "clone").ApplyTo(CloneSettings.Default);
        }

        if (fields["export"] is { } export)
        {
            Nodes.Bool(context, export, "export");
        }

        if (fields["labels"] is { } labels)
        {
            Nodes.Mapping(context, labels, "labels", "Write labels as a map of names to values.");
        }

        if (fields["pipelines"] is not { } pipelines)
        {
            context.Report(mapping, "", "\"pipelines\" is required", Example);
            return null;
        }

        return PipelinesReader.Read(context, pipelines, "pipelines");
    }
}
