using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

internal static class StageReader
{
    private const string Hint = "Write stage:\n  name: Deploy\n  deployment: staging\n  steps:\n    - step: ...";

    public static StageItem? Read(ReadContext context, YamlTreeNode node, string path)
    {
        if (Nodes.Mapping(context, node, path, Hint) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(context, mapping, path, Keys.Stage);
        var name = fields["name"] is { } nameNode ? Nodes.Text(context, nameNode, fields.PathOf("name"), "Write name: and the stage's name.") : null;
        var deployment = fields["deployment"] is { } deploymentNode
            ? Nodes.Text(context, deploymentNode, fields.PathOf("deployment"), "Write the environment's name, e.g. deployment: staging.")
            : null;
        var condition = fields["condition"] is { } conditionNode ? ConditionReader.Read(context, conditionNode, fields.PathOf("condition")) : null;
        var manual = fields["trigger"] is { } trigger && OptionValues.ManualTrigger(context, trigger, fields.PathOf("trigger")) == true;
        if (fields["steps"] is not { } steps)
        {
            context.Report(mapping, path, "\"steps\" is required", Hint);
            return null;
        }

        return new StageItem(name, deployment, condition, manual,
            StepListReader.Read(context, steps, fields.PathOf("steps"), StepPlace.Stage, deployment));
    }
}
