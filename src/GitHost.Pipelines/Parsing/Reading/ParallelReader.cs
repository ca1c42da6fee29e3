using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// <c>- parallel: [steps]</c> or <c>- parallel: {fail-fast, steps}</c>. Bitbucket's schema asks for at
/// least one step, not two: a group of one is valid and runs like a plain step.
/// </summary>
internal static class ParallelReader
{
    public static ParallelItem? Read(ReadContext context, YamlTreeNode node, string path)
    {
        if (node is YamlTreeSequence)
        {
            return new ParallelItem(false, StepListReader.Read(context, node, path, StepPlace.Parallel, null));
        }

        const string hint = "Write parallel:\n  fail-fast: true\n  steps:\n    - step: ...\nor list the steps right under parallel:.";
        if (Nodes.Mapping(context, node, path, hint) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(context, mapping, path, Keys.Parallel);
        var failFast = fields["fail-fast"] is { } failFastNode && Nodes.Bool(context, failFastNode, fields.PathOf("fail-fast")) == true;
        if (fields["steps"] is not { } steps)
        {
            context.Report(mapping, path, "\"steps\" is required", hint);
            return null;
        }

        return new ParallelItem(failFast, StepListReader.Read(context, steps, fields.PathOf("steps"), StepPlace.Parallel, null));
    }
}
