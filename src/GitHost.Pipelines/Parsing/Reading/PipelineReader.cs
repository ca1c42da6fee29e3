using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// A pipeline: a list whose items are each <c>- step:</c>, <c>- parallel:</c> or <c>- stage:</c>, and,
/// first in a custom pipeline only, <c>- variables:</c>. Steps inside parallel groups and stages count
/// toward <see cref="PipelineParserLimits.MaxStepsPerPipeline"/>, as they do in Bitbucket.
/// </summary>
internal static class PipelineReader
{
    private const string ItemHint = "Each item is one of:\n- step:\n    script: ...\n- parallel:\n    - step: ...\n- stage:\n    steps: ...";

    public static (Pipeline? Pipeline, List<CustomVariable> Variables) Read(ReadContext context, YamlTreeNode node, string path,
        bool allowVariables)
    {
        var variables = new List<CustomVariable>();
        if (Nodes.Sequence(context, node, path, "A pipeline is a list of items:\n- step:\n    script:\n      - echo hello") is not { } sequence)
        {
            return (null, variables);
        }

        var items = new List<PipelineItem>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = YamlPath.Index(path, i);
            if (sequence.Items[i] is not YamlTreeMapping item)
            {
                context.Report(sequence.Items[i], itemPath, $"expected - step:, - parallel: or - stage:, found {Describe.Node(sequence.Items[i])}", ItemHint);
                continue;
            }

            var fields = new MappingFields(context, item, itemPath, allowVariables ? Keys.CustomPipelineItem : Keys.PipelineItem,
                key => ExplainUnknown(key, allowVariables));
            var kinds = item.Entries.Count(e => e.KeyText is "step" or "parallel" or "stage" or "variables");
            if (kinds > 1)
            {
                context.Report(item, itemPath, "an item is one step, parallel group or stage, not several",
                    "Start each one as its own list item with \"- \".");
                continue;
            }

            if (allowVariables && fields["variables"] is { } variablesNode)
            {
                if (i == 0)
                {
                    variables = VariablesReader.Read(context, variablesNode, fields.PathOf("variables"));
                }
                else
                {
                    context.Report(item, itemPath, "\"variables\" must be the first item of the custom pipeline", "Move - variables: to the top of the list.");
                }
            }

            if (ReadItem(context, fields) is { } read)
            {
                items.Add(read);
            }
        }

        var variablesItems = allowVariables && sequence.Items is [YamlTreeMapping first, ..] && first.ContainsKey("variables") ? 1 : 0;
        CheckSize(context, sequence, path, items, nothingWritten: sequence.Items.Count == variablesItems);
        return (new Pipeline(items), variables);
    }

    private static PipelineItem? ReadItem(ReadContext context, MappingFields fields)
    {
        if (fields["step"] is { } step)
        {
            return StepReader.Read(context, step, fields.PathOf("step"), StepPlace.Pipeline, null) is { } definition ? new StepItem(definition) : null;
        }

        if (fields["parallel"] is { } parallel)
        {
            return ParallelReader.Read(context, parallel, fields.PathOf("parallel"));
        }

        return fields["stage"] is { } stage ? StageReader.Read(context, stage, fields.PathOf("stage")) : null;
    }

    /// <summary>
    /// An empty pipeline is reported only when nothing was written: items that failed to read have
    /// their own problems already.
    /// </summary>
    private static void CheckSize(ReadContext context, YamlTreeSequence sequence, string path, List<PipelineItem> items, bool nothingWritten)
    {
        if (nothingWritten)
        {
            context.Report(sequence, path, "the pipeline has no steps", ItemHint);
            return;
        }

        var steps = items.Sum(item => item switch
        {
            ParallelItem parallel => parallel.Steps.Count,
            StageItem stage => stage.Steps.Count,
            _ => 1,
        });
        var max = context.Limits.MaxStepsPerPipeline;
        if (steps > max)
        {
            context.Report(sequence, path, $"the pipeline has {steps} steps, more than the {max} allowed (steps in parallel groups and stages count too)",
                "Split it into several pipelines, or do more in each step.");
        }
    }

    private static (string Detail, string Hint)? ExplainUnknown(string key, bool allowVariables)
    {
        if (Keys.Step.Contains(key))
        {
            return ($"\"{key}\" belongs inside a step", $"Nest it under a step:\n- step:\n    {key}: ...");
        }

        return key == "variables" && !allowVariables
            ? ("\"variables\" are only for custom pipelines", "Move this pipeline under pipelines.custom, or remove the variables.")
            : null;
    }
}
