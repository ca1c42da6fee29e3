using Xunit;
using static GitHost.Pipelines.Tests.ParseHelper;

namespace GitHost.Pipelines.Tests.Parsing.Problems;

/// <summary>Mistakes inside one step, each reported at the value (or, for a missing key, at the step).</summary>
public sealed class StepProblemTests
{
    private static string StepWith(string keys) => "pipelines:\n  default:\n    - step:\n" + keys;

    [Fact]
    public void A_step_without_script_is_reported_at_the_step()
    {
        var problem = SingleProblem(StepWith("        name: Build\n"));

        Assert.Equal((4, 9), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step: \"script\" is required", problem.Message);
        Assert.Equal("Add the commands the step runs:\n    script:\n      - npm test", problem.Hint);
    }

    [Fact]
    public void A_branch_step_without_script_names_the_branch_in_its_path()
    {
        var problem = SingleProblem("pipelines:\n  branches:\n    main:\n      - step:\n          name: Build\n");

        Assert.Equal((5, 11), (problem.Line, problem.Column));
        Assert.Equal("pipelines.branches.main[0].step: \"script\" is required", problem.Message);
    }

    [Fact]
    public void An_empty_step_is_reported()
    {
        var problem = SingleProblem("pipelines:\n  default:\n    - step:\n");

        Assert.Equal((3, 12), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step: the step is empty", problem.Message);
    }

    [Fact]
    public void An_empty_script_is_reported()
    {
        var problem = SingleProblem(StepWith("        script: []\n"));

        Assert.Equal((4, 17), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.script: the script is empty", problem.Message);
    }

    [Fact]
    public void A_script_written_as_one_string_asks_for_a_list()
    {
        var problem = SingleProblem(StepWith("        script: npm test\n"));

        Assert.Equal((4, 17), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.script: expected a list of commands, found \"npm test\"", problem.Message);
    }

    [Fact]
    public void An_empty_command_is_reported_at_its_entry()
    {
        var problem = SingleProblem(StepWith("        script:\n          - npm ci\n          -\n"));

        Assert.Equal((6, 12), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.script[1]: the command is empty", problem.Message);
    }

    [Fact]
    public void A_pipe_entry_without_pipe_is_reported()
    {
        var problem = SingleProblem(StepWith("        script:\n          - variables:\n              A: b\n"));

        Assert.Equal((5, 13), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.script[0]: \"pipe\" is required", problem.Message);
    }

    [Theory]
    [InlineData("3x", "pipelines.default[0].step.size: unknown size \"3x\"")]
    [InlineData("2", "pipelines.default[0].step.size: unknown size \"2\"")]
    [InlineData("[2x]", "pipelines.default[0].step.size: expected text, found a list")]
    public void A_bad_size_is_reported_with_the_allowed_sizes(string size, string message)
    {
        var problem = SingleProblem(StepWith($"        script: [a]\n        size: {size}\n"));

        Assert.Equal((5, 15), (problem.Line, problem.Column));
        Assert.Equal(message, problem.Message);
        Assert.Equal("Use one of 1x, 2x, 4x, 8x, 16x, 32x.", problem.Hint);
    }

    [Theory]
    [InlineData("0", "0 minutes is outside 1 to 720")]
    [InlineData("-5", "-5 minutes is outside 1 to 720")]
    [InlineData("721", "721 minutes is outside 1 to 720")]
    [InlineData("1.5", "expected a whole number, found \"1.5\"")]
    [InlineData("ten", "expected a whole number, found \"ten\"")]
    [InlineData("99999999999", "expected a whole number, found \"99999999999\"")]
    public void A_max_time_that_is_not_a_whole_number_of_minutes_from_1_to_720_is_reported(string value, string detail)
    {
        var problem = SingleProblem(StepWith($"        script: [a]\n        max-time: {value}\n"));

        Assert.Equal((5, 19), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.max-time: " + detail, problem.Message);
        Assert.Equal("Write the number of minutes, from 1 to 720, e.g. max-time: 30.", problem.Hint);
    }

    [Fact]
    public void The_global_max_time_is_checked_like_a_steps()
    {
        var problem = SingleProblem("options:\n  max-time: 1000\npipelines:\n  default:\n    - step:\n        script: [a]\n");

        Assert.Equal((2, 13), (problem.Line, problem.Column));
        Assert.Equal("options.max-time: 1000 minutes is outside 1 to 720", problem.Message);
    }

    [Fact]
    public void A_trigger_other_than_automatic_or_manual_is_reported()
    {
        var problem = SingleProblem(StepWith("        script: [a]\n        trigger: later\n"));

        Assert.Equal((5, 18), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.trigger: unknown trigger \"later\"", problem.Message);
        Assert.Equal("Write trigger: manual or trigger: automatic.", problem.Hint);
    }

    [Fact]
    public void A_yaml_1_1_boolean_is_refused_with_a_hint()
    {
        var problem = SingleProblem(StepWith("        script: [a]\n        oidc: yes\n"));

        Assert.Equal((5, 15), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.oidc: expected true or false, found \"yes\"", problem.Message);
        Assert.Equal("Write true or false.", problem.Hint);
    }

    [Fact]
    public void A_clone_depth_that_is_neither_positive_nor_full_is_reported()
    {
        var problem = SingleProblem("clone:\n  depth: 0\npipelines:\n  default:\n    - step:\n        script: [a]\n");

        Assert.Equal((2, 10), (problem.Line, problem.Column));
        Assert.Equal("clone.depth: depth 0 is not a positive number of commits", problem.Message);
    }

    [Fact]
    public void A_service_that_is_not_defined_is_reported_and_docker_is_built_in()
    {
        var problem = SingleProblem(StepWith("        script: [a]\n        services:\n          - docker\n          - redis\n"));

        Assert.Equal((7, 13), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.services[1]: \"redis\" is not defined", problem.Message);
        Assert.StartsWith("Define it under definitions:\n  services:\n    redis:", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cache_that_is_neither_predefined_nor_defined_is_reported()
    {
        var problem = SingleProblem("definitions:\n  caches:\n    bundler: vendor/bundle\n"
            + StepWith("        script: [a]\n        caches:\n          - bundler\n          - node\n          - yarn\n"));

        Assert.Equal((11, 13), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.caches[2]: \"yarn\" is not defined", problem.Message);
    }

    [Fact]
    public void Deployment_on_both_a_stage_and_its_step_is_reported_at_the_step()
    {
        var problem = SingleProblem("""
            pipelines:
              default:
                - stage:
                    deployment: production
                    steps:
                      - step:
                          deployment: staging
                          script: [a]
            """);

        Assert.Equal((7, 15), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].stage.steps[0].step.deployment: the stage already sets \"deployment\"; a step in it may not set its own", problem.Message);
    }

    [Fact]
    public void A_condition_on_a_step_in_a_stage_is_reported()
    {
        var problem = SingleProblem("""
            pipelines:
              default:
                - stage:
                    steps:
                      - step:
                          script: [a]
                          condition:
                            changesets:
                              includePaths: [src/**]
            """);

        Assert.Equal((7, 15), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].stage.steps[0].step.condition: a step in a stage may not have its own condition", problem.Message);
    }

    [Fact]
    public void A_condition_without_include_paths_is_reported()
    {
        var problem = SingleProblem(StepWith("        script: [a]\n        condition:\n          changesets: {}\n"));

        Assert.Equal((6, 23), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.condition.changesets: \"includePaths\" is required", problem.Message);
    }

    [Fact]
    public void An_invalid_include_path_glob_is_reported_at_the_glob()
    {
        var problem = SingleProblem(StepWith("        script: [a]\n        condition:\n          changesets:\n            includePaths:\n              - \"src/{a,b\"\n"));

        Assert.Equal((8, 17), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.condition.changesets.includePaths[0]: \"src/{a,b\" is not a valid glob: a { is not closed with }", problem.Message);
    }

    [Fact]
    public void Too_many_runner_labels_are_reported()
    {
        var problem = SingleProblem(StepWith("        script: [a]\n        runs-on: [a, b, c, d, e, f, g, h, i, j, k]\n"));

        Assert.Equal((5, 18), (problem.Line, problem.Column));
        Assert.Equal("pipelines.default[0].step.runs-on: 11 runner labels, more than the 10 allowed", problem.Message);
    }
}
