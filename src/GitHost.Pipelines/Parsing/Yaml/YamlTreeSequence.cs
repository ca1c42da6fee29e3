namespace GitHost.Pipelines.Parsing.Yaml;

internal sealed class YamlTreeSequence(YamlPosition start) : YamlTreeNode(start)
{
    private readonly List<YamlTreeNode> _items = [];

    public IReadOnlyList<YamlTreeNode> Items => _items;

    public void Add(YamlTreeNode item) => _items.Add(item);

    public void Complete()
    {
        long size = 1;
        var height = 0;
        foreach (var item in _items)
        {
            size = AddSaturating(size, item.ExpandedSize);
            height = Math.Max(height, item.Height);
        }

        ExpandedSize = size;
        Height = height + 1;
    }
}
