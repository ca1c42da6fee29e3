using GitHost.Pipelines.Definitions;
using GitHost.Pipelines.Triggers;
using Xunit;
using static GitHost.Pipelines.Tests.ParseHelper;

namespace GitHost.Pipelines.Tests.Triggers;

public sealed class PipelineSelectorTests
{
    private static readonly PipelineFile File = ParseValid("""
        pipelines:
          default:
            - step:
                script: [default]
          branches:
            '*':
              - step:
                  script: [any-top-level]
            'my-*':
              - step:
                  script: [my]
            'my-branch-*':
              - step:
                  script: [my-branch]
            my-branch-a:
              - step:
                  script: [exact]
            'feature/**':
              - step:
                  script: [feature-deep]
            'feature/*':
              - step:
                  script: [feature]
          tags:
            'v*':
              - step:
                  script: [release]
          pull-requests:
            'feature/*':
              - step:
                  script: [pr-feature]
            '**':
              - step:
                  script: [pr-any]
          custom:
            deploy:
              - step:
                  script: [deploy]
        """);

    private static string FirstCommand(SelectedPipeline? selected) =>
        Assert.IsType<StepItem>(selected!.Pipeline.Items[0]).Step.Script[0];

    [Theory]
    [InlineData("my-branch-a", "my-branch-a", "exact")]
    [InlineData("my-branch-b", "my-branch-*", "my-branch")]
    [InlineData("my-awesome-branch", "my-*", "my")]
    [InlineData("main", "*", "any-top-level")]
    [InlineData("feature/x", "feature/*", "feature")]
    [InlineData("feature/x/y", "feature/**", "feature-deep")]
    public void The_most_specific_matching_branch_glob_wins(string branch, string pattern, string command)
    {
        var selected = PipelineSelector.ForBranch(File, branch);

        Assert.Equal(("branches", pattern), (selected!.Selector, selected.Pattern));
        Assert.Equal(command, FirstCommand(selected));
    }

    [Fact]
    public void Of_equally_specific_globs_the_first_in_the_file_wins()
    {
        var tie = ParseValid("pipelines:\n  branches:\n    'a/*':\n      - step:\n          script: [first]\n    '*/b':\n      - step:\n          script: [second]\n");
        Assert.Equal("a/*", PipelineSelector.ForBranch(tie, "a/b")!.Pattern);
        Assert.Equal("*/b", PipelineSelector.ForBranch(tie, "x/b")!.Pattern);
    }

    [Fact]
    public void A_branch_that_matches_no_glob_runs_the_default_pipeline()
    {
        var selected = PipelineSelector.ForBranch(File, "team/experiment");

        Assert.Equal(("default", null), (selected!.Selector, selected.Pattern));
        Assert.Equal("default", FirstCommand(selected));
    }

    [Fact]
    public void Without_a_default_pipeline_an_unmatched_branch_runs_nothing()
    {
        var file = ParseValid("pipelines:\n  branches:\n    main:\n      - step:\n          script: [a]\n");

        Assert.Null(PipelineSelector.ForBranch(file, "develop"));
        Assert.NotNull(PipelineSelector.ForBranch(file, "main"));
    }

    [Fact]
    public void A_tag_runs_its_tag_glob()
    {
        var selected = PipelineSelector.ForTag(File, "v1.2.0");

        Assert.Equal(("tags", "v*"), (selected!.Selector, selected.Pattern));
        Assert.Equal("release", FirstCommand(selected));
    }

    [Fact]
    public void A_tag_that_matches_no_glob_does_not_fall_back_to_default()
    {
        // Bitbucket: "The default pipeline runs on every push (excluding tag pushes)".
        Assert.NotNull(File.Default);
        Assert.Null(PipelineSelector.ForTag(File, "nightly-2024"));
    }

    [Fact]
    public void A_tag_glob_is_not_used_for_a_branch_of_the_same_name()
    {
        var file = ParseValid("pipelines:\n  tags:\n    'v*':\n      - step:\n          script: [a]\n");

        Assert.Null(PipelineSelector.ForBranch(file, "v1"));
    }

    [Theory]
    [InlineData("feature/login", "feature/*", "pr-feature")]
    [InlineData("bugfix/a/b", "**", "pr-any")]
    public void Pull_request_globs_match_the_source_branch(string source, string pattern, string command)
    {
        var selected = PipelineSelector.ForPullRequest(File, source);

        Assert.Equal(("pull-requests", pattern), (selected!.Selector, selected.Pattern));
        Assert.Equal(command, FirstCommand(selected));
    }

    [Fact]
    public void A_pull_request_that_matches_no_glob_runs_nothing()
    {
        var file = ParseValid("pipelines:\n  default:\n    - step:\n        script: [a]\n  pull-requests:\n    'feature/*':\n      - step:\n          script: [b]\n");

        Assert.Null(PipelineSelector.ForPullRequest(file, "main"));
    }

    [Fact]
    public void A_custom_pipeline_is_found_by_its_exact_name()
    {
        var selected = PipelineSelector.ForCustom(File, "deploy");

        Assert.Equal(("custom", "deploy"), (selected!.Selector, selected.Pattern));
        Assert.Equal("deploy", FirstCommand(selected));
        Assert.Null(PipelineSelector.ForCustom(File, "Deploy"));
        Assert.Null(PipelineSelector.ForCustom(File, "deplo*"));
    }
}
