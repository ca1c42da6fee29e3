using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary><c>runs-on</c>: one runner label or a list of them; Bitbucket allows 10 labels of 50 characters.</summary>
internal static class RunsOnReader
{
    private const int MaxLabels = 10;
    private const int MaxLabelLength = 50;
    private const string Hint = "Write runs-on:\n      - self.hosted\n      - linux";

    public static List<string> Read(ReadContext context, MappingFields fields)
    {
        if (fields["runs-on"] is not { } node)
        {
            return [];
        }

        var path = fields.PathOf("runs-on");
        var labels = node is YamlTreeScalar { IsNull: false } single ? [single.Value] : Nodes.TextList(context, node, path, Hint) ?? [];
        if (labels.Count > MaxLabels)
        {
            context.Report(node, path, $"{labels.Count} runner labels, more than the {MaxLabels} allowed", "Keep the labels that pick the runner.");
        }

        foreach (var label in labels.Where(l => l.Length > MaxLabelLength))
        {
            context.Report(node, path, $"the runner label \"{label[..20]}...\" is longer than {MaxLabelLength} characters", "Use a shorter label.");
        }

        return labels;
    }
}
