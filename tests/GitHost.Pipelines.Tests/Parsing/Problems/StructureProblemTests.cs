using GitHost.Pipelines.Definitions;
using Xunit;
using static GitHost.Pipelines.Tests.ParseHelper;

namespace GitHost.Pipelines.Tests.Parsing.Problems;

/// <summary>Keys in the wrong place, values of the wrong kind, items nested the wrong way.</summary>
public sealed class StructureProblemTests
{
    [Fact]
    public void A_root_that_is_not_a_map_is_refused()
    {
        var result = Parse("- step:\n    script: [a]\n");

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Equal("the file must be a map with a \"pipelines\" key, found a list", problem.Message);
    }

    [Fact]
    public void A_file_without_pipelines_is_refused()
    {
        var result = Parse("image: node:20\noptions:\n  max-time: 10\n");

        Assert.Null(result.File);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Equal("\"pipelines\" is required", problem.Message);
    }

    [Fact]
    public void Pipelines_without_any_section_is_reported()
    {
        var problem = SingleProblem("pipelines:\n  {}\n");

        Assert.Equal((2, 3), (problem.Line, problem.Column));
        Assert.Equal("pipelines: no pipeline is defined: add one of default, branches, tags, pull-requests, custom", problem.Message);
    }

    [Fact]
    public void An_unknown_key_close_to_a_known_one_suggests_it()
    {
        var problem = SingleProblem("""
            pipelines:
              default:
                - step:
                    script: [a]
                    max_time: 10
            """);

        Assert.Equal((5, 9), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step: unknown key \"max_time\"", problem.Message);
        Assert.Equal("Did you mean \"max-time\"?", problem.Hint);
    }

    [Fact]
    public void An_unknown_key_far_from_every_known_one_lists_the_allowed_keys()
    {
        var problem = SingleProblem("""
            options:
              colour: blue
            pipelines:
              default:
                - step:
                    script: [a]
            """);

        Assert.Equal((2, 3), (problem.Line, problem.Column));
        Assert.Equal("options: unknown key \"colour\"", problem.Message);
        Assert.Equal("Allowed keys here: max-time, size, docker, runtime.", problem.Hint);
    }

    [Fact]
    public void An_unknown_top_level_key_is_reported_without_a_path()
    {
        var problem = SingleProblem("pipeline:\n  default:\n    - step:\n        script: [a]\npipelines:\n  default:\n    - step:\n        script: [a]\n");

        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Equal("unknown key \"pipeline\"", problem.Message);
        Assert.Equal("Did you mean \"pipelines\"?", problem.Hint);
    }

    [Fact]
    public void A_string_where_a_pipeline_list_is_needed_is_a_type_problem()
    {
        var problem = SingleProblem("""
            pipelines:
              branches:
                main: echo hi
            """);

        Assert.Equal((3, 11), (problem.Line, problem.Column));
        Assert.Equal("pipelines.branches.main: expected a list, found \"echo hi\"", problem.Message);
    }

    [Fact]
    public void A_list_where_a_map_is_needed_is_a_type_problem()
    {
        var problem = SingleProblem("""
            pipelines:
              branches:
                - main
            """);

        Assert.Equal((3, 5), (problem.Line, problem.Column));
        Assert.Equal("pipelines.branches: expected a map of keys, found a list", problem.Message);
    }

    [Fact]
    public void A_step_key_written_directly_in_the_pipeline_is_reported_as_nested_wrongly()
    {
        var problem = SingleProblem("""
            pipelines:
              default:
                - script:
                    - npm test
            """);

        Assert.Equal((3, 7), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0]: \"script\" belongs inside a step", problem.Message);
        Assert.Equal("Nest it under a step:\n- step:\n    script: ...", problem.Hint);
    }

    [Fact]
    public void A_step_key_indented_level_with_step_is_reported_as_nested_wrongly()
    {
        var result = Parse("""
            pipelines:
              default:
                - step:
                    name: Build
                  script:
                    - npm test
            """);

        Assert.Equal(
            [
                (4, 9, "pipelines.default[0].step: \"script\" is required"),
                (5, 7, "pipelines.default[0]: \"script\" belongs inside a step"),
            ],
            result.Problems.Select(p => (p.Line, p.Column, p.Message)));
    }

    [Fact]
    public void A_stage_inside_a_parallel_group_is_nested_wrongly()
    {
        var problem = SingleProblem("""
            pipelines:
              default:
                - parallel:
                    - step:
                        script: [a]
                    - stage:
                        steps:
                          - step:
                              script: [b]
            """);

        Assert.Equal((6, 11), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].parallel[1]: a stage cannot be nested in a parallel group", problem.Message);
    }

    [Fact]
    public void A_parallel_group_inside_a_stage_is_nested_wrongly()
    {
        var problem = SingleProblem("""
            pipelines:
              default:
                - stage:
                    steps:
                      - parallel:
                          - step:
                              script: [a]
            """);

        Assert.Equal((5, 13), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].stage.steps[0]: a parallel cannot be nested in a stage", problem.Message);
    }

    [Fact]
    public void An_item_with_a_step_and_a_parallel_group_is_reported()
    {
        var problem = SingleProblem("""
            pipelines:
              default:
                - step:
                    script: [a]
                  parallel:
                    - step:
                        script: [b]
            """);

        Assert.Equal((3, 7), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0]: an item is one step, parallel group or stage, not several", problem.Message);
    }

    [Fact]
    public void An_empty_parallel_group_is_refused()
    {
        var problem = SingleProblem("""
            pipelines:
              default:
                - parallel:
                    steps: []
            """);

        Assert.Equal((4, 16), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].parallel.steps: a parallel group needs at least one step", problem.Message);
    }

    [Fact]
    public void A_parallel_group_of_one_step_is_valid_as_in_bitbuckets_schema()
    {
        var file = ParseValid("""
            pipelines:
              default:
                - parallel:
                    - step:
                        script: [a]
            """);

        var parallel = Assert.IsType<ParallelItem>(Assert.Single(file.Default!.Items));
        Assert.Single(parallel.Steps);
    }

    [Fact]
    public void A_pipeline_with_more_steps_than_the_limit_is_reported_counting_parallel_and_stage_steps()
    {
        var steps = string.Concat(Enumerable.Repeat("      - step:\n          script: [a]\n", 98));
        var yaml = "pipelines:\n  default:\n    - parallel:\n" + steps.Replace("      - step", "        - step", StringComparison.Ordinal).Replace("          script", "            script", StringComparison.Ordinal)
            + "    - stage:\n        steps:\n          - step:\n              script: [b]\n          - step:\n              script: [c]\n"
            + "    - step:\n        script: [d]\n";

        var problem = SingleProblem(yaml);

        Assert.Equal((3, 5), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default: the pipeline has 101 steps, more than the 100 allowed (steps in parallel groups and stages count too)", problem.Message);
    }

    [Fact]
    public void A_pipeline_of_exactly_the_limit_is_valid()
    {
        var yaml = "pipelines:\n  default:\n" + string.Concat(Enumerable.Repeat("    - step:\n        script: [a]\n", 100));

        Assert.Equal(100, ParseValid(yaml).Default!.Items.Count);
    }

    [Fact]
    public void An_empty_pipeline_is_reported()
    {
        var problem = SingleProblem("pipelines:\n  default: []\n");

        Assert.Equal((2, 12), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default: the pipeline has no steps", problem.Message);
    }

    [Fact]
    public void A_mistake_in_an_anchored_step_is_reported_once_however_often_the_step_is_used()
    {
        var problem = SingleProblem("""
            definitions:
              steps:
                - step: &build
                    name: Build
                    sise: 2x
                    script: [make]
            pipelines:
              default:
                - step: *build
              branches:
                main:
                  - step: *build
            """);

        Assert.Equal((5, 9), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step: unknown key \"sise\"", problem.Message);
        Assert.Equal("Did you mean \"size\"?", problem.Hint);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_in_file_order()
    {
        var result = Parse("""
            pipelines:
              default:
                - step:
                    size: 3x
                    script: [a]
                - step:
                    script: [b]
                    trigger: sometimes
            """);

        Assert.Equal([4, 8], result.Problems.Select(p => p.Line));
        Assert.NotNull(result.File);
        Assert.False(result.IsValid);
    }
}
