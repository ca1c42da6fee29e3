using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// <c>clone</c> at the top or in a step. Only <c>enabled</c> and <c>depth</c> change what a runner does;
/// the other documented keys (lfs, filter, sparse-checkout, …) are accepted and not acted on yet.
/// </summary>
internal static class CloneReader
{
    private const string DepthHint = "Write a number of commits (depth: 50) or depth: full.";

    public static CloneOverrides Read(ReadContext context, YamlTreeNode node, string path)
    {
        if (Nodes.Mapping(context, node, path, "Write clone as a map, e.g. clone:\n  depth: full") is not { } mapping)
        {
            return CloneOverrides.None;
        }

        var fields = new MappingFields(context, mapping, path, Keys.Clone);
        foreach (var key in new[] { "lfs", "skip-ssl-verify", "tags" })
        {
            if (fields[key] is { } flag)
            {
                Nodes.Bool(context, flag, fields.PathOf(key));
            }
        }

        var enabled = fields["enabled"] is { } enabledNode ? Nodes.Bool(context, enabledNode, fields.PathOf("enabled")) : null;
        if (fields["depth"] is not { } depthNode)
        {
            return new CloneOverrides(enabled, false, null);
        }

        if (depthNode is YamlTreeScalar { Value: "full" })
        {
            return new CloneOverrides(enabled, true, null);
        }

        var depth = Nodes.Integer(context, depthNode, fields.PathOf("depth"), DepthHint);
        if (depth is < 1)
        {
            context.Report(depthNode, fields.PathOf("depth"), $"depth {depth} is not a positive number of commits", DepthHint);
            depth = null;
        }

        return depth is null ? new CloneOverrides(enabled, false, null) : new CloneOverrides(enabled, true, depth);
    }
}
