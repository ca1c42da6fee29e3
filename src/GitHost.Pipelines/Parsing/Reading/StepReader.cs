using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// One <c>step</c> map, with what it inherits from the top of the file applied (see
/// <see cref="StepDefinition"/>). A step that is a map is always returned, even with problems, so the
/// pipeline's step count stays right.
/// </summary>
internal static class StepReader
{
    private const string Hint = "A step is a map with at least a script:\n- step:\n    name: Build\n    script:\n      - npm test";

    public static StepDefinition? Read(ReadContext context, YamlTreeNode node, string path, StepPlace place, string? stageDeployment)
    {
        if (node is YamlTreeScalar { IsNull: true })
        {
            context.Report(node, path, "the step is empty", Hint);
            return null;
        }

        if (Nodes.Mapping(context, node, path, Hint) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(context, mapping, path, Keys.Step);
        var pipes = new List<string>();
        List<string>? script = null;
        if (fields["script"] is { } scriptNode)
        {
            script = ScriptReader.Read(context, scriptNode, fields.PathOf("script"), pipes);
        }
        else
        {
            context.Report(mapping, path, "\"script\" is required", "Add the commands the step runs:\n    script:\n      - npm test");
        }

        var afterScript = fields["after-script"] is { } after ? ScriptReader.Read(context, after, fields.PathOf("after-script"), pipes) : null;
        var (artifacts, download) = fields["artifacts"] is { } artifactsNode
            ? ArtifactsReader.Read(context, artifactsNode, fields.PathOf("artifacts"))
            : ([], true);
        var clone = fields["clone"] is { } cloneNode ? CloneReader.Read(context, cloneNode, fields.PathOf("clone")) : CloneOverrides.None;
        return new StepDefinition(
            Name: Text(context, fields, "name", "Write name: and the step's name."),
            Script: script ?? [],
            AfterScript: afterScript ?? [],
            RunsOn: RunsOnReader.Read(context, fields),
            MaxTimeMinutes: (fields["max-time"] is { } time ? OptionValues.MaxTime(context, time, fields.PathOf("max-time")) : null)
                ?? context.Options.MaxTimeMinutes,
            ManualTrigger: fields["trigger"] is { } trigger && OptionValues.ManualTrigger(context, trigger, fields.PathOf("trigger")) == true,
            Deployment: ReadDeployment(context, fields, place, stageDeployment),
            Condition: ReadCondition(context, fields, place),
            Size: (fields["size"] is { } size ? OptionValues.Size(context, size, fields.PathOf("size")) : null) ?? context.Options.Size,
            Oidc: fields["oidc"] is { } oidc && Nodes.Bool(context, oidc, fields.PathOf("oidc")) == true,
            Image: (fields["image"] is { } image ? ImageReader.Read(context, image, fields.PathOf("image")) : null) ?? context.Image,
            Services: StepReferences.Services(context, fields),
            Pipes: pipes,
            Caches: StepReferences.Caches(context, fields),
            Artifacts: artifacts,
            Line: mapping.Start.Line)
        {
            FailFast = fields["fail-fast"] is { } failFast && Nodes.Bool(context, failFast, fields.PathOf("fail-fast")) == true,
            DownloadArtifacts = download,
            CloneSettings = clone.ApplyTo(context.Clone),
        };
    }

    private static string? Text(ReadContext context, MappingFields fields, string key, string hint) =>
        fields[key] is { } node ? Nodes.Text(context, node, fields.PathOf(key), hint) : null;

    private static string? ReadDeployment(ReadContext context, MappingFields fields, StepPlace place, string? stageDeployment)
    {
        if (fields["deployment"] is not { } node)
        {
            return null;
        }

        if (place == StepPlace.Stage && stageDeployment is not null)
        {
            context.Report(fields.KeyNode("deployment")!, fields.PathOf("deployment"), "the stage already sets \"deployment\"; a step in it may not set its own",
                "Remove deployment from the step: the stage's deployment covers all of its steps.");
            return null;
        }

        return Nodes.Text(context, node, fields.PathOf("deployment"), "Write the environment's name, e.g. deployment: production.");
    }

    private static ChangesetCondition? ReadCondition(ReadContext context, MappingFields fields, StepPlace place)
    {
        if (fields["condition"] is not { } node)
        {
            return null;
        }

        if (place == StepPlace.Stage)
        {
            context.Report(fields.KeyNode("condition")!, fields.PathOf("condition"), "a step in a stage may not have its own condition",
                "Put the condition on the stage; it applies to all of the stage's steps.");
            return null;
        }

        return ConditionReader.Read(context, node, fields.PathOf("condition"));
    }
}
