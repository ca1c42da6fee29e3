using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// <c>script</c> and <c>after-script</c>: a list of commands and pipes. A <c>|</c> block stays one
/// command; numbers and booleans are commands as written (<c>- true</c> runs <c>true</c>); a pipe
/// (<c>- pipe: atlassian/foo:1.0</c>) goes to the step's pipe list.
/// </summary>
internal static class ScriptReader
{
    private const string Hint = "Write the commands as a list:\n    script:\n      - npm ci\n      - npm test";

    public static List<string>? Read(ReadContext context, YamlTreeNode node, string path, List<string> pipes)
    {
        if (node is YamlTreeScalar { IsNull: false })
        {
            context.Report(node, path, $"expected a list of commands, found {Describe.Node(node)}",
                "Make it a list: put the command on its own line, indented, after \"- \".");
            return null;
        }

        if (Nodes.Sequence(context, node, path, Hint) is not { } sequence)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            context.Report(sequence, path, "the script is empty", Hint);
            return [];
        }

        var commands = new List<string>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var entry = sequence.Items[i];
            var entryPath = YamlPath.Index(path, i);
            switch (entry)
            {
                case YamlTreeScalar { IsNull: false } command:
                    commands.Add(command.Value);
                    break;
                case YamlTreeScalar:
                    context.Report(entry, entryPath, "the command is empty", "Write a command after \"- \", or remove the line.");
                    break;
                case YamlTreeMapping pipe:
                    if (ReadPipe(context, pipe, entryPath) is { } name)
                    {
                        pipes.Add(name);
                    }

                    break;
                default:
                    context.Report(entry, entryPath, "expected a command, found a list",
                        "Write one command per entry; a list inside a script (often from an alias of a list) is not run.");
                    break;
            }
        }

        return commands;
    }

    private static string? ReadPipe(ReadContext context, YamlTreeMapping mapping, string path)
    {
        const string hint = "Write a pipe as:\n      - pipe: atlassian/name:1.0.0\n        variables:\n          KEY: value";
        var fields = new MappingFields(context, mapping, path, Keys.Pipe);
        if (fields["variables"] is { } variables)
        {
            Nodes.Mapping(context, variables, fields.PathOf("variables"), hint);
        }

        if (fields["pipe"] is not { } pipe)
        {
            context.Report(mapping, path, "\"pipe\" is required", hint);
            return null;
        }

        return Nodes.Text(context, pipe, fields.PathOf("pipe"), hint);
    }
}
