using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>
/// A step's <c>services</c> and <c>caches</c>: names that must be Bitbucket's own (the docker service,
/// the predefined caches) or defined under <c>definitions</c>.
/// </summary>
internal static class StepReferences
{
    /// <summary>Bitbucket's limit on service containers beside a step.</summary>
    private const int MaxServices = 5;

    public static List<string> Services(ReadContext context, MappingFields fields)
    {
        const string hint = "List service names:\n    services:\n      - docker";
        var names = ReadNames(context, fields, "services", hint);
        if (names.Count > MaxServices)
        {
            context.Report(fields["services"]!, fields.PathOf("services"), $"{names.Count} services, more than the {MaxServices} allowed",
                "Run fewer services beside the step.");
        }

        CheckDefined(context, fields, "services", names, n => n == Keys.DockerService || context.DefinedServices.Contains(n),
            name => $"Define it under definitions:\n  services:\n    {name}:\n      image: ...  (docker is built in)");
        return names;
    }

    public static List<string> Caches(ReadContext context, MappingFields fields)
    {
        var names = ReadNames(context, fields, "caches", "List cache names:\n    caches:\n      - node");
        CheckDefined(context, fields, "caches", names, n => Keys.PredefinedCaches.Contains(n) || context.DefinedCaches.Contains(n),
            name => $"Define it under definitions:\n  caches:\n    {name}: path/to/cache\nor use a predefined cache: {string.Join(", ", Keys.PredefinedCaches)}.");
        return names;
    }

    private static List<string> ReadNames(ReadContext context, MappingFields fields, string key, string hint) =>
        fields[key] is { } node ? Nodes.TextList(context, node, fields.PathOf(key), hint) ?? [] : [];

    private static void CheckDefined(ReadContext context, MappingFields fields, string key, List<string> names, Func<string, bool> isDefined,
        Func<string, string> hint)
    {
        if (fields[key] is not YamlTreeSequence sequence)
        {
            return;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is YamlTreeScalar { IsNull: false } item && !isDefined(item.Value))
            {
                context.Report(item, YamlPath.Index(fields.PathOf(key), i), $"\"{YamlPath.Shorten(item.Value)}\" is not defined", hint(item.Value));
            }
        }
    }
}
