using GitHost.Pipelines.Parsing.Problems;

namespace GitHost.Pipelines.Parsing.Yaml;

/// <summary>A list or map being read, with enough of its parents to name its path in a message.</summary>
internal sealed class CollectionFrame(YamlTreeNode node, string? anchor, CollectionFrame? parent, string segment)
{
    public YamlTreeNode Node { get; } = node;

    public string? Anchor { get; } = anchor;

    public YamlTreeNode? PendingKey { get; set; }

    public int Index { get; set; }

    public List<YamlTreeNode> MergeSources { get; } = [];

    /// <summary>The path segment of the child being read now: the pending key, or the next index.</summary>
    public string ChildSegment() => Node switch
    {
        YamlTreeSequence => $"[{Index}]",
        _ when PendingKey is YamlTreeScalar key => YamlPath.Key("", key.Value),
        _ => "?",
    };

    public string Path() => parent is null ? segment : Join(parent.Path(), segment);

    public string ChildPath() => Join(Path(), ChildSegment());

    private static string Join(string path, string segment) =>
        path.Length == 0 || segment.StartsWith('[') ? path + segment : path + "." + segment;
}
