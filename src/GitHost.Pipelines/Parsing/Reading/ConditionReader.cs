using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;
using GitHost.Pipelines.Triggers;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary><c>condition: changesets: includePaths: [globs]</c>, the one condition Bitbucket's schema has.</summary>
internal static class ConditionReader
{
    private const string Hint = "Write condition:\n  changesets:\n    includePaths:\n      - \"src/**\"";

    public static ChangesetCondition? Read(ReadContext context, YamlTreeNode node, string path)
    {
        if (Nodes.Mapping(context, node, path, Hint) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(context, mapping, path, Keys.Condition);
        if (fields["changesets"] is not { } changesetsNode)
        {
            context.Report(mapping, path, "\"changesets\" is required", Hint);
            return null;
        }

        if (Nodes.Mapping(context, changesetsNode, fields.PathOf("changesets"), Hint) is not { } changesets)
        {
            return null;
        }

        var changesetFields = new MappingFields(context, changesets, fields.PathOf("changesets"), Keys.Changesets);
        if (changesetFields["includePaths"] is not { } includeNode)
        {
            context.Report(changesets, changesetFields.Path, "\"includePaths\" is required", Hint);
            return null;
        }

        var includePath = changesetFields.PathOf("includePaths");
        if (Nodes.TextList(context, includeNode, includePath, Hint) is not { } globs)
        {
            return null;
        }

        var items = ((YamlTreeSequence)includeNode).Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is YamlTreeScalar { IsNull: false } glob && !GlobPattern.TryParse(glob.Value, out _, out var error))
            {
                context.Report(glob, YamlPath.Index(includePath, i), $"\"{YamlPath.Shorten(glob.Value)}\" is not a valid glob: {error}",
                    "Close every { with } and every [ with ]; write \\ before a character that should be taken literally.");
            }
        }

        return new ChangesetCondition(globs);
    }
}
