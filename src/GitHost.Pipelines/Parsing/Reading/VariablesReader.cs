using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// <c>- variables:</c> of a custom pipeline. Names become environment variables, so they follow the
/// shell's rule; a default must be one of the allowed values when both are given.
/// </summary>
internal static class VariablesReader
{
    private const string Hint = "Write variables:\n      - name: DEPLOY_ENV\n        default: staging\n        allowed-values:\n          - staging\n          - production";

    public static List<CustomVariable> Read(ReadContext context, YamlTreeNode node, string path)
    {
        var variables = new List<CustomVariable>();
        if (Nodes.Sequence(context, node, path, Hint) is not { } sequence)
        {
            return variables;
        }

        if (sequence.Items.Count == 0)
        {
            context.Report(sequence, path, "the list of variables is empty", Hint);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = YamlPath.Index(path, i);
            if (Nodes.Mapping(context, sequence.Items[i], itemPath, Hint) is { } mapping
                && ReadVariable(context, new MappingFields(context, mapping, itemPath, Keys.Variable)) is { } variable)
            {
                if (seen.Add(variable.Name))
                {
                    variables.Add(variable);
                }
                else
                {
                    context.Report(mapping, itemPath, $"the variable \"{variable.Name}\" is declared twice", "Declare each variable once.");
                }
            }
        }

        return variables;
    }

    private static CustomVariable? ReadVariable(ReadContext context, MappingFields fields)
    {
        var defaultValue = fields["default"] is { } defaultNode ? Nodes.Text(context, defaultNode, fields.PathOf("default"), Hint) : null;
        var allowed = fields["allowed-values"] is { } allowedNode ? Nodes.TextList(context, allowedNode, fields.PathOf("allowed-values"), Hint) ?? [] : [];
        var description = fields["description"] is { } descriptionNode
            ? Nodes.Text(context, descriptionNode, fields.PathOf("description"), Hint)
            : null;
        if (defaultValue is not null && allowed.Count > 0 && !allowed.Contains(defaultValue))
        {
            context.Report(fields["default"]!, fields.PathOf("default"), $"the default \"{YamlPath.Shorten(defaultValue)}\" is not one of the allowed values",
                $"Use one of: {string.Join(", ", allowed)}; or add it to allowed-values.");
        }

        if (fields["name"] is not { } nameNode)
        {
            context.Report(fields.Node, fields.Path, "\"name\" is required", Hint);
            return null;
        }

        if (Nodes.Text(context, nameNode, fields.PathOf("name"), Hint) is not { } name)
        {
            return null;
        }

        if (!IsVariableName(name))
        {
            context.Report(nameNode, fields.PathOf("name"), $"\"{YamlPath.Shorten(name)}\" is not a valid variable name",
                "Use letters, digits and _, not starting with a digit, e.g. DEPLOY_ENV.");
            return null;
        }

        return new CustomVariable(name, defaultValue, allowed, description);
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
