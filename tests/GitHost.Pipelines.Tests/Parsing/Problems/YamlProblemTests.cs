using Xunit;
using static GitHost.Pipelines.Tests.ParseHelper;

namespace GitHost.Pipelines.Tests.Parsing.Problems;

/// <summary>Mistakes in the YAML itself: each one is a single problem at the offending character.</summary>
public sealed class YamlProblemTests
{
    [Fact]
    public void Text_that_is_not_yaml_is_one_problem_with_the_scanner_position()
    {
        var result = Parse("""
            pipelines:
              default:
                - step:
                    script: ['echo hi]
            """);

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, 18), (problem.Line, problem.Column));
        Assert.Equal("the file is not valid YAML: while scanning a quoted scalar, found unexpected end of stream", problem.Message);
    }

    [Fact]
    public void A_tab_used_for_indentation_is_reported_where_the_tab_is()
    {
        var problem = SingleProblem("pipelines:\n  default:\n\t- step:\n        script: [a]\n");

        Assert.Equal((3, 1), (problem.Line, problem.Column));
        Assert.Equal("the file is not valid YAML: a tab is used for indentation", problem.Message);
        Assert.Equal("Indent with spaces; YAML does not allow tabs for indentation.", problem.Hint);
    }

    [Fact]
    public void An_unclosed_flow_list_at_the_end_of_the_file_is_a_problem_not_an_exception()
    {
        var result = Parse("pipelines:\n  default: [1,\n    2");

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("the file is not valid YAML: while parsing a flow sequence, did not find expected ',' or ']'", problem.Message);
        // YamlDotNet marks line 4 of this three-line file; the problem points at the end of the last line.
        Assert.Equal((3, 6), (problem.Line, problem.Column));
    }

    [Fact]
    public void Text_ending_inside_a_flow_list_is_a_problem_although_yamldotnet_throws_without_a_position()
    {
        var problem = SingleProblem("a:\n  b: 1\n  c: [1,\n  d\n");

        Assert.Equal((3, 8), (problem.Line, problem.Column));
        Assert.Equal("the file is not valid YAML: it seems to end inside a [ ] or { } collection", problem.Message);
    }

    [Fact]
    public void A_tag_yamldotnet_cannot_construct_is_a_problem_although_it_throws_an_argument_exception()
    {
        var problem = SingleProblem("!!-,[:?. 2\n");

        Assert.Equal((1, 9), (problem.Line, problem.Column));
        Assert.Equal("the file is not valid YAML: global tags must be valid URIs", problem.Message);
    }

    [Fact]
    public void An_unquoted_star_glob_gets_a_hint_to_quote_it()
    {
        var problem = SingleProblem("""
            pipelines:
              branches:
                *:
                  - step:
                      script: [a]
            """);

        Assert.Equal((3, 5), (problem.Line, problem.Column));
        Assert.Equal("pipelines.branches: alias *: refers to no anchor defined before it", problem.Message);
        Assert.Contains("quote globs such as '*' or '**'", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_to_an_undefined_anchor_is_a_problem_at_the_alias()
    {
        var problem = SingleProblem("""
            pipelines:
              default:
                - step: *build
            """);

        Assert.Equal((3, 13), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step: alias *build refers to no anchor defined before it", problem.Message);
    }

    [Fact]
    public void An_alias_inside_its_own_anchor_is_refused_as_a_cycle()
    {
        var problem = SingleProblem("""
            definitions:
              loop: &loop
                - a
                - *loop
            pipelines:
              default:
                - step:
                    script: [a]
            """);

        Assert.Equal((4, 7), (problem.Line, problem.Column));
        Assert.Equal("definitions.loop[1]: alias *loop is inside the node it refers to, which would make a cycle", problem.Message);
    }

    [Fact]
    public void A_repeated_key_is_reported_at_the_second_one_and_the_first_is_kept()
    {
        var result = Parse("""
            pipelines:
              default:
                - step:
                    script: [first]
                    script: [second]
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((5, 9), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step: duplicate key \"script\" (first at line 4)", problem.Message);
        var step = Assert.IsType<GitHost.Pipelines.Definitions.StepItem>(Assert.Single(result.File!.Default!.Items)).Step;
        Assert.Equal(["first"], step.Script);
    }

    [Fact]
    public void A_merge_key_with_a_value_that_is_not_a_map_is_reported()
    {
        var problem = SingleProblem("""
            pipelines:
              default:
                - step:
                    <<: just text
                    script: [a]
            """);

        Assert.Equal((4, 13), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step: \"<<\" merges maps into this one, but its value is not a map or a list of maps", problem.Message);
    }

    [Fact]
    public void A_second_yaml_document_is_refused()
    {
        var problem = SingleProblem("pipelines:\n  default:\n    - step:\n        script: [a]\n---\nmore: 1\n");

        Assert.Equal((5, 1), (problem.Line, problem.Column));
        Assert.Equal("the file holds more than one YAML document", problem.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# nothing here yet\n# still nothing\n")]
    public void An_empty_file_or_one_of_only_comments_is_one_problem_at_the_start(string text)
    {
        var result = Parse(text);

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Equal("the file is empty (or holds only comments)", problem.Message);
        Assert.Contains("pipelines:", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_does_not_become_part_of_the_first_key()
    {
        var file = ParseValid("\uFEFFpipelines:\n  default:\n    - step:\n        script: [a]\n");

        Assert.NotNull(file.Default);
    }
}
