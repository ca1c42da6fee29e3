using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// A map read against the keys allowed there: unknown keys are reported once, when the view is made,
/// with the nearest allowed key as the hint.
/// </summary>
internal sealed class MappingFields
{
    private readonly YamlTreeMapping _mapping;

    public MappingFields(ReadContext context, YamlTreeMapping mapping, string path, IReadOnlyCollection<string> allowed,
        Func<string, (string Detail, string Hint)?>? explainUnknown = null)
    {
        _mapping = mapping;
        Path = path;
        foreach (var entry in mapping.Entries)
        {
            if (entry.KeyText is not { } key)
            {
                context.Report(entry.Key, path, $"a key must be text, found {Describe.Node(entry.Key)}",
                    $"Use one of: {string.Join(", ", allowed)}.");
            }
            else if (!allowed.Contains(key))
            {
                var special = explainUnknown?.Invoke(key);
                context.Report(entry.Key, path, special?.Detail ?? $"unknown key \"{YamlPath.Shorten(key)}\"",
                    () => special?.Hint ?? KeySuggestion.For(key, allowed));
            }
        }
    }

    public YamlTreeMapping Node => _mapping;

    public string Path { get; }

    public YamlTreeNode? this[string key] => _mapping.Find(key)?.Value;

    /// <summary>The key itself, for problems about a key being where it may not be.</summary>
    public YamlTreeNode? KeyNode(string key) => _mapping.Find(key)?.Key;

    public string PathOf(string key) => YamlPath.Key(Path, key);
}
