using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>The steps of a parallel group or a stage: <c>- step:</c> items only, no nesting.</summary>
internal static class StepListReader
{
    public static List<StepDefinition> Read(ReadContext context, YamlTreeNode node, string path, StepPlace place, string? stageDeployment)
    {
        var container = place == StepPlace.Stage ? "stage" : "parallel group";
        var steps = new List<StepDefinition>();
        if (Nodes.Sequence(context, node, path, $"List the {container}'s steps:\n- step:\n    script: ...") is not { } sequence)
        {
            return steps;
        }

        if (sequence.Items.Count == 0)
        {
            context.Report(sequence, path, $"a {container} needs at least one step", $"List the {container}'s steps:\n- step:\n    script: ...");
            return steps;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = YamlPath.Index(path, i);
            if (Nodes.Mapping(context, sequence.Items[i], itemPath, "Write - step: and the step's keys under it.") is not { } item)
            {
                continue;
            }

            var fields = new MappingFields(context, item, itemPath, Keys.StepListItem, key => ExplainUnknown(key, container));
            if (fields["step"] is { } step && StepReader.Read(context, step, fields.PathOf("step"), place, stageDeployment) is { } definition)
            {
                steps.Add(definition);
            }
        }

        return steps;
    }

    private static (string Detail, string Hint)? ExplainUnknown(string key, string container) => key switch
    {
        "parallel" or "stage" => ($"a {key} cannot be nested in a {container}",
            $"Move the {key} out to the pipeline's own list; a {container} holds only - step: items."),
        _ when Keys.Step.Contains(key) => ($"\"{key}\" belongs inside a step", $"Nest it under a step:\n- step:\n    {key}: ..."),
        _ => null,
    };
}
