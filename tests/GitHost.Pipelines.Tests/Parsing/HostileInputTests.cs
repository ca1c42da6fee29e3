using System.Text;
using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Parsing;
using Xunit;
using static GitHost.Pipelines.Tests.ParseHelper;

namespace GitHost.Pipelines.Tests.Parsing;

/// <summary>
/// Files written to hurt the server: each must come back as a bounded list of problems,
/// without an exception, a stack overflow or the memory its expansion would take.
/// </summary>
public sealed class HostileInputTests
{
    private const string ValidTail = "pipelines:\n  default:\n    - step:\n        script: [a]\n";

    [Fact]
    public void A_10_MB_file_is_one_problem_and_nothing_is_parsed()
    {
        var text = ValidTail + "# " + new string('x', 10 * 1024 * 1024) + "\n";

        var result = Parse(text);

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Equal("the file is larger than 1 MiB", problem.Message);
    }

    [Fact]
    public void The_size_limit_counts_utf8_bytes_not_characters()
    {
        var parser = new PipelineFileParser(new PipelineParserLimits { MaxBytes = 200 });
        var text = ValidTail + "# " + new string('é', 80) + "\n";
        Assert.True(text.Length <= 200);

        var result = parser.Parse(text);

        Assert.Equal("the file is larger than 200 bytes", Assert.Single(result.Problems).Message);
        Assert.True(parser.Parse(ValidTail + "# " + new string('e', 80) + "\n").IsValid);
    }

    [Fact]
    public void A_billion_laughs_file_is_stopped_by_the_node_limit_without_expanding()
    {
        var text = BillionLaughs(levels: 9, width: 9) + ValidTail;
        Parse(text);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Parse(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        // a..e expand to 76,740 nodes; the first *e in f (line 6) brings the count past 100,000.
        Assert.Equal((6, 8), (problem.Line, problem.Column));
        Assert.Equal("f[0]: the file expands to more than 100000 YAML nodes (aliases count at every use)", problem.Message);
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void An_alias_bomb_hidden_in_definitions_is_refused_although_no_step_uses_it()
    {
        var text = "definitions:\n" + string.Join("", BillionLaughs(levels: 9, width: 9).Split('\n').Select(l => l.Length == 0 ? "" : "  " + l + "\n")) + ValidTail;

        var problem = SingleProblem(text);

        Assert.EndsWith("the file expands to more than 100000 YAML nodes (aliases count at every use)", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('[')]
    [InlineData('{')]
    public void Nesting_100000_deep_is_one_problem_at_the_level_past_the_limit(char open)
    {
        var body = open == '['
            ? new string('[', 100_000) + new string(']', 100_000)
            : string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string('}', 100_000);
        var text = "pipelines: " + body + "\n";
        Parse(text);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Parse(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        // The root map is level 1, so the 64th bracket is level 65.
        var column = open == '[' ? 12 + 63 : 12 + (63 * 4);
        Assert.Equal((1, column), (problem.Line, problem.Column));
        Assert.EndsWith(": the file nests more than 64 levels deep", problem.Message, StringComparison.Ordinal);
        // Reading on past the limit would cost tokens for each of the 100,000 levels (megabytes); stopping at
        // level 65 costs the scanner's buffer. Allocation is counted rather than time, which varies with the machine.
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Deep_block_nesting_is_one_problem()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            text.Append(' ', i * 2).Append('k').Append(i).Append(":\n");
        }

        var problem = SingleProblem(text.ToString());

        // k0's map is the root (level 1), so the map that starts at k64 is level 65.
        Assert.Equal((65, 129), (problem.Line, problem.Column));
        Assert.EndsWith(".k63: the file nests more than 64 levels deep", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_through_an_alias_counts_the_aliased_nodes_depth()
    {
        var parser = new PipelineFileParser(new PipelineParserLimits { MaxDepth = 10 });
        var shallow = "definitions:\n  a: &a [[[[1]]]]\n  b: [[[[[[1]]]]]]\n" + ValidTail;
        var deep = "definitions:\n  a: &a [[[[1]]]]\n  b: [[[[[[*a]]]]]]\n" + ValidTail;

        Assert.True(parser.Parse(shallow).IsValid, string.Join("\n", parser.Parse(shallow).Problems));
        var problem = Assert.Single(parser.Parse(deep).Problems);
        // b's six lists reach level 8 (root map 1, definitions 2); *a adds four more.
        Assert.Equal((3, 12), (problem.Line, problem.Column));
        Assert.Equal("definitions.b[0][0][0][0][0][0]: the file nests more than 10 levels deep", problem.Message);
    }

    [Fact]
    public void A_wide_file_without_aliases_is_stopped_by_the_node_limit_too()
    {
        var parser = new PipelineFileParser(new PipelineParserLimits { MaxNodes = 1000 });
        var text = "list: [" + string.Join(",", Enumerable.Range(0, 2000)) + "]\n" + ValidTail;

        var problem = Assert.Single(parser.Parse(text).Problems);

        Assert.Equal("list[997]: the file expands to more than 1000 YAML nodes (aliases count at every use)", problem.Message);
    }

    [Fact]
    public void Ten_thousand_unknown_keys_give_the_first_hundred_problems_and_a_count_of_the_rest()
    {
        var keys = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"        k{i}: 1\n"));
        var result = Parse("pipelines:\n  default:\n    - step:\n        script: [a]\n" + keys);

        Assert.Equal(101, result.Problems.Count);
        Assert.Equal(new PipelineProblem(5, 9, "pipelines.default[0].step: unknown key \"k0\"", result.Problems[0].Hint), result.Problems[0]);
        Assert.Equal("pipelines.default[0].step: unknown key \"k99\"", result.Problems[99].Message);
        Assert.Equal(new PipelineProblem(105, 9, "... and 9900 more problems not shown", "Fix the problems above and check the file again."),
            result.Problems[100]);
    }

    [Fact]
    public void Every_prefix_of_a_real_file_parses_without_throwing()
    {
        const string text = RealWorldFileTests.NodeBuild;

        for (var length = 0; length <= text.Length; length++)
        {
            var result = Parse(text[..length]);
            Assert.True(result.File is not null || result.Problems.Count > 0, $"prefix of {length} characters gave neither a file nor a problem");
        }
    }

    [Fact]
    public void Random_bytes_parse_without_throwing()
    {
        var random = new Random(20_261_206);
        const string alphabet = " \t\n-:[]{},&*!|>'\"#%@`?abc123<=";
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(1, 200)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var result = Parse(new string(chars));
            Assert.True(result.File is not null || result.Problems.Count > 0);
        }
    }

    /// <summary>a: 9 strings; b: 9 aliases of a; ... each level nine times the one before.</summary>
    private static string BillionLaughs(int levels, int width)
    {
        var text = new StringBuilder("a: &a [" + string.Join(", ", Enumerable.Repeat("lol", width)) + "]\n");
        for (var level = 1; level <= levels; level++)
        {
            var name = (char)('a' + level);
            var previous = (char)('a' + level - 1);
            text.Append($"{name}: &{name} [").Append(string.Join(", ", Enumerable.Repeat($"*{previous}", width))).Append("]\n");
        }

        return text.ToString();
    }
}
