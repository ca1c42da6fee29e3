using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;
using GitHost.Pipelines.Triggers;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// <c>branches</c>, <c>tags</c> and <c>pull-requests</c>: globs to pipelines. Bitbucket trims the
/// patterns (<c>' main '</c> is <c>main</c>), so two keys that trim to the same text are a duplicate.
/// </summary>
internal static class PatternSectionReader
{
    public static List<PatternPipeline> Read(ReadContext context, YamlTreeNode? node, string path, string what)
    {
        var pipelines = new List<PatternPipeline>();
        if (node is null
            || Nodes.Mapping(context, node, path, $"Map {what} globs to pipelines, e.g.\n  main:\n    - step: ...") is not { } mapping)
        {
            return pipelines;
        }

        var seen = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (ReadPattern(context, entry.Key, path, what, seen) is not { } pattern)
            {
                continue;
            }

            var entryPath = YamlPath.Key(path, pattern);
            if (entry.Value is YamlTreeMapping destinations && destinations.ContainsKey("destinations"))
            {
                context.Report(entry.Value, entryPath, "pipelines by pull request destination are not supported by GitHost yet",
                    "Run the pipeline for every pull request from these branches and test $BITBUCKET_PR_DESTINATION_BRANCH in the script.");
                continue;
            }

            if (PipelineReader.Read(context, entry.Value, entryPath, allowVariables: false).Pipeline is { } pipeline)
            {
                pipelines.Add(new PatternPipeline(pattern, pipeline));
            }
        }

        return pipelines;
    }

    private static string? ReadPattern(ReadContext context, YamlTreeNode key, string path, string what,
        Dictionary<string, YamlTreeNode> seen)
    {
        if (key is not YamlTreeScalar scalar)
        {
            context.Report(key, path, $"a {what} glob must be text, found {Describe.Node(key)}", "Write the glob as the key, e.g. 'feature/*':");
            return null;
        }

        var pattern = scalar.Value.Trim();
        if (pattern.Length == 0)
        {
            context.Report(key, path, $"a {what} glob is empty", "Write a name or glob, e.g. main or 'release/*'.");
            return null;
        }

        if (!GlobPattern.TryParse(pattern, out _, out var error))
        {
            context.Report(key, path, $"\"{YamlPath.Shorten(pattern)}\" is not a valid glob: {error}",
                "Close every { with } and every [ with ]; write \\ before a character that should be taken literally.");
            return null;
        }

        if (!seen.TryAdd(pattern, key))
        {
            context.Report(key, path, $"\"{YamlPath.Shorten(pattern)}\" is listed twice (first at line {seen[pattern].Start.Line})",
                "Keep one entry per glob; Bitbucket would run only one of them.");
            return null;
        }

        return pattern;
    }
}
