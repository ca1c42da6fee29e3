using GitHost.Core.Failures;
using GitHost.Pipelines.Definitions;

namespace GitHost.Services.Pipelines.Commands;

/// <summary>The values a custom pipeline runs with: what was given, checked against what it declares, and its defaults for the rest.</summary>
public static class CustomVariableValues
{
    public static Dictionary<string, string> Resolve(CustomPipeline pipeline, IReadOnlyDictionary<string, string>? given)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in given ?? new Dictionary<string, string>())
        {
            var declared = pipeline.Variables.FirstOrDefault(v => v.Name == name)
                ?? throw GitHostException.Invalid(
                    $"The custom pipeline \"{pipeline.Name}\" declares no variable \"{name}\"" + Declared(pipeline), "variables");
            if (declared.AllowedValues.Count > 0 && !declared.AllowedValues.Contains(value, StringComparer.Ordinal))
            {
                throw GitHostException.Invalid(
                    $"\"{value}\" is not an allowed value of {name}; allowed: {string.Join(", ", declared.AllowedValues)}.", "variables");
            }

            values[name] = value;
        }

        foreach (var declared in pipeline.Variables.Where(v => !values.ContainsKey(v.Name) && v.Default is not null))
        {
            values[declared.Name] = declared.Default!;
        }

        return values;
    }

    private static string Declared(CustomPipeline pipeline) =>
        pipeline.Variables.Count == 0 ? "." : $"; it declares {string.Join(", ", pipeline.Variables.Select(v => v.Name))}.";
}
