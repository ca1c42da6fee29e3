using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GitHost.Pipelines.Definitions;
using Xunit;

namespace GitHost.Pipelines.Tests;

/// <summary>
/// Compares models by their JSON: the records hold lists, whose equality is by reference, and a JSON
/// diff shows exactly which field differs.
/// </summary>
internal static class ModelAssert
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (info.Type == typeof(PipelineItem))
                    {
                        info.PolymorphismOptions = new JsonPolymorphismOptions
                        {
                            DerivedTypes =
                            {
                                new JsonDerivedType(typeof(StepItem), "step"),
                                new JsonDerivedType(typeof(ParallelItem), "parallel"),
                                new JsonDerivedType(typeof(StageItem), "stage"),
                            },
                        };
                    }
                },
            },
        },
    };

    public static void Equal<T>(T expected, T actual) => Assert.Equal(ToJson(expected), ToJson(actual));

    public static string ToJson<T>(T model) => JsonSerializer.Serialize(model, Options);
}
