using Xunit;
using static GitHost.Pipelines.Tests.ParseHelper;

namespace GitHost.Pipelines.Tests.Parsing.Problems;

public sealed class CustomPipelineProblemTests
{
    [Fact]
    public void A_custom_variable_without_a_name_is_reported_at_the_variable()
    {
        var problem = SingleProblem("""
            pipelines:
              custom:
                deploy:
                  - variables:
                      - default: staging
                  - step:
                      script: [./deploy.sh]
            """);

        Assert.Equal((5, 13), (problem.Line, problem.Column));
        Assert.Equal("pipelines.custom.deploy[0].variables[0]: \"name\" is required", problem.Message);
        Assert.Contains("- name: DEPLOY_ENV", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variable_name_that_is_not_an_environment_variable_name_is_reported()
    {
        var problem = SingleProblem("""
            pipelines:
              custom:
                deploy:
                  - variables:
                      - name: 1st-env
                  - step:
                      script: [a]
            """);

        Assert.Equal((5, 19), (problem.Line, problem.Column));
        Assert.Equal("pipelines.custom.deploy[0].variables[0].name: \"1st-env\" is not a valid variable name", problem.Message);
    }

    [Fact]
    public void A_default_outside_the_allowed_values_is_reported()
    {
        var problem = SingleProblem("""
            pipelines:
              custom:
                deploy:
                  - variables:
                      - name: ENV
                        default: qa
                        allowed-values: [staging, production]
                  - step:
                      script: [a]
            """);

        Assert.Equal((6, 22), (problem.Line, problem.Column));
        Assert.Equal("pipelines.custom.deploy[0].variables[0].default: the default \"qa\" is not one of the allowed values", problem.Message);
    }

    [Fact]
    public void Variables_after_the_first_item_are_reported()
    {
        var problem = SingleProblem("""
            pipelines:
              custom:
                deploy:
                  - step:
                      script: [a]
                  - variables:
                      - name: ENV
            """);

        Assert.Equal((6, 9), (problem.Line, problem.Column));
        Assert.Equal("pipelines.custom.deploy[1]: \"variables\" must be the first item of the custom pipeline", problem.Message);
    }

    [Fact]
    public void Variables_in_a_branch_pipeline_are_reported()
    {
        var problem = SingleProblem("""
            pipelines:
              branches:
                main:
                  - variables:
                      - name: ENV
                  - step:
                      script: [a]
            """);

        Assert.Equal((4, 9), (problem.Line, problem.Column));
        Assert.Equal("pipelines.branches.main[0]: \"variables\" are only for custom pipelines", problem.Message);
    }

    [Fact]
    public void A_custom_pipeline_of_only_variables_has_no_steps()
    {
        var problem = SingleProblem("""
            pipelines:
              custom:
                deploy:
                  - variables:
                      - name: ENV
            """);

        Assert.Equal((4, 7), (problem.Line, problem.Column));
        Assert.Equal("pipelines.custom.deploy: the pipeline has no steps", problem.Message);
    }

    [Fact]
    public void Importing_a_shared_pipeline_is_reported_as_not_supported()
    {
        var problem = SingleProblem("""
            pipelines:
              custom:
                shared:
                  import: other-repo:main:build
            """);

        Assert.Equal((4, 7), (problem.Line, problem.Column));
        Assert.Equal("pipelines.custom.shared: importing a shared pipeline from another repository is not supported by GitHost", problem.Message);
    }
}
