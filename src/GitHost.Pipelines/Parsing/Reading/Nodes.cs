using System.Globalization;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// Typed reads of single values. Each reports a wrong type at the value and returns null, so the
/// caller carries on and the file's other mistakes are found too.
/// </summary>
internal static class Nodes
{
    public static YamlTreeMapping? Mapping(ReadContext context, YamlTreeNode node, string path, string hint)
    {
        if (node is YamlTreeMapping mapping)
        {
            return mapping;
        }

        context.Report(node, path, $"expected a map of keys, found {Describe.Node(node)}", hint);
        return null;
    }

    public static YamlTreeSequence? Sequence(ReadContext context, YamlTreeNode node, string path, string hint)
    {
        if (node is YamlTreeSequence sequence)
        {
            return sequence;
        }

        context.Report(node, path, $"expected a list, found {Describe.Node(node)}", hint);
        return null;
    }

    /// <summary>Text, including numbers and booleans as written (<c>name: 2</c> is the name "2").</summary>
    public static string? Text(ReadContext context, YamlTreeNode node, string path, string hint)
    {
        if (node is YamlTreeScalar { IsNull: false } scalar)
        {
            return scalar.Value;
        }

        context.Report(node, path, $"expected text, found {Describe.Node(node)}", hint);
        return null;
    }

    /// <summary>YAML 1.2's booleans only: <c>yes</c>/<c>on</c> are YAML 1.1 and read differently elsewhere.</summary>
    public static bool? Bool(ReadContext context, YamlTreeNode node, string path)
    {
        if (node is YamlTreeScalar { IsPlain: true } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        context.Report(node, path, $"expected true or false, found {Describe.Node(node)}", "Write true or false.");
        return null;
    }

    /// <summary>A whole number written with digits; a quoted "30" counts, as Bitbucket reads it too.</summary>
    public static int? Integer(ReadContext context, YamlTreeNode node, string path, string hint)
    {
        if (node is YamlTreeScalar { IsNull: false } scalar
            && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        context.Report(node, path, $"expected a whole number, found {Describe.Node(node)}", hint);
        return null;
    }

    /// <summary>A list of text entries, or null (reported) when the node is no list or an entry is no text.</summary>
    public static List<string>? TextList(ReadContext context, YamlTreeNode node, string path, string hint)
    {
        if (Sequence(context, node, path, hint) is not { } sequence)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            context.Report(node, path, "the list is empty", hint);
            return null;
        }

        var values = new List<string>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (Text(context, sequence.Items[i], $"{path}[{i}]", hint) is { } text)
            {
                values.Add(text);
            }
        }

        return values;
    }
}
