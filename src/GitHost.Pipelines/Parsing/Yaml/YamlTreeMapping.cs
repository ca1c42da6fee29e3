namespace GitHost.Pipelines.Parsing.Yaml;

/// <summary>A map whose text keys are unique: the builder drops repeated keys after reporting them.</summary>
internal sealed class YamlTreeMapping(YamlPosition start) : YamlTreeNode(start)
{
    private readonly List<YamlTreeEntry> _entries = [];
    private readonly Dictionary<string, YamlTreeEntry> _byKey = new(StringComparer.Ordinal);

    public IReadOnlyList<YamlTreeEntry> Entries => _entries;

    public bool ContainsKey(string key) => _byKey.ContainsKey(key);

    public YamlTreeEntry? Find(string key) => _byKey.GetValueOrDefault(key);

    public void Add(YamlTreeEntry entry)
    {
        if (entry.KeyText is { } key)
        {
            _byKey.TryAdd(key, entry);
        }

        _entries.Add(entry);
    }

    public void Complete()
    {
        long size = 1;
        var height = 0;
        foreach (var entry in _entries)
        {
            size = AddSaturating(AddSaturating(size, entry.Key.ExpandedSize), entry.Value.ExpandedSize);
            height = Math.Max(height, Math.Max(entry.Key.Height, entry.Value.Height));
        }

        ExpandedSize = size;
        Height = height + 1;
    }
}
