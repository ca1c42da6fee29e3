using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing;
using Xunit;

namespace GitHost.Pipelines.Tests;

internal static class ParseHelper
{
    public static PipelineParseResult Parse(string yaml) => new PipelineFileParser().Parse(yaml);

    /// <summary>Parses a file that must be valid, showing the problems if it is not.</summary>
    public static PipelineFile ParseValid(string yaml)
    {
        var result = Parse(yaml);
        Assert.True(result.IsValid, "expected no problems, got:\n" + string.Join("\n", result.Problems));
        return result.File!;
    }

    /// <summary>Parses a file that must have exactly one problem, and returns it.</summary>
    public static PipelineProblem SingleProblem(string yaml)
    {
        var result = Parse(yaml);
        return Assert.Single(result.Problems);
    }

    /// <summary>A step with nothing but a script, as the parser reads it with no options set.</summary>
    public static StepDefinition Step(int line, params string[] script) =>
        new(null, script, [], [], null, false, null, null, 1, false, null, [], [], [], [], line);
}
