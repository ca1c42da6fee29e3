namespace GitHost.Pipelines.Parsing.Yaml;

/// <summary>
/// A node of the document as read, with aliases resolved to the anchored node itself (shared, never
/// copied) and merge keys applied. <see cref="ExpandedSize"/> and <see cref="Height"/> are what the node
/// would be if every alias inside it were written out, so limits hold without expanding anything.
/// </summary>
internal abstract class YamlTreeNode(YamlPosition start)
{
    public YamlPosition Start { get; } = start;

    /// <summary>Nodes in this subtree with aliases counted at every use; saturates at <see cref="long.MaxValue"/>.</summary>
    public long ExpandedSize { get; protected set; } = 1;

    /// <summary>Collections on the deepest path through this subtree (a scalar is 0).</summary>
    public int Height { get; protected set; }

    protected static long AddSaturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
