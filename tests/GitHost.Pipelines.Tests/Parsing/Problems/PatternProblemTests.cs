using Xunit;
using static GitHost.Pipelines.Tests.ParseHelper;

namespace GitHost.Pipelines.Tests.Parsing.Problems;

public sealed class PatternProblemTests
{
    [Fact]
    public void An_invalid_branch_glob_is_reported_at_the_key()
    {
        var problem = SingleProblem("""
            pipelines:
              branches:
                'release/[0-9':
                  - step:
                      script: [a]
            """);

        Assert.Equal((3, 5), (problem.Line, problem.Column));
        Assert.Equal("pipelines.branches: \"release/[0-9\" is not a valid glob: a [ is not closed with ]", problem.Message);
    }

    [Fact]
    public void Two_keys_that_trim_to_the_same_glob_are_a_duplicate()
    {
        var problem = SingleProblem("""
            pipelines:
              branches:
                main:
                  - step:
                      script: [a]
                ' main ':
                  - step:
                      script: [b]
            """);

        Assert.Equal((6, 5), (problem.Line, problem.Column));
        Assert.Equal("pipelines.branches: \"main\" is listed twice (first at line 3)", problem.Message);
    }

    [Fact]
    public void Pull_request_pipelines_by_destination_are_reported_as_not_supported()
    {
        var problem = SingleProblem("""
            pipelines:
              pull-requests:
                '**':
                  destinations:
                    main:
                      - step:
                          script: [a]
            """);

        Assert.Equal((4, 7), (problem.Line, problem.Column));
        Assert.Equal("pipelines.pull-requests.\"**\": pipelines by pull request destination are not supported by GitHost yet", problem.Message);
    }
}
