using GitHost.Pipelines.Parsing.Problems;
using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary>How a node reads in "expected X, found Y" messages.</summary>
internal static class Describe
{
    public static string Node(YamlTreeNode node) => node switch
    {
        YamlTreeMapping => "a map",
        YamlTreeSequence => "a list",
        YamlTreeScalar { IsNull: true } => "nothing",
        YamlTreeScalar scalar => $"\"{YamlPath.Shorten(scalar.Value)}\"",
        _ => "something else",
    };
}
