using GitHost.Pipelines.Definitions;
using Xunit;
using static GitHost.Pipelines.Tests.ParseHelper;

namespace GitHost.Pipelines.Tests.Parsing;

/// <summary>How each step key lands in <see cref="StepDefinition"/>.</summary>
public sealed class StepOptionTests
{
    private static StepDefinition OnlyStep(string yaml) =>
        Assert.IsType<StepItem>(Assert.Single(ParseValid(yaml).Default!.Items)).Step;

    [Fact]
    public void A_literal_block_stays_one_command_and_numbers_and_booleans_are_commands_as_written()
    {
        var step = OnlyStep("""
            pipelines:
              default:
                - step:
                    script:
                      - |
                        if [ -f a ]; then
                          echo a
                        fi
                      - 42
                      - true
                      - 'quoted: with colon'
            """);

        Assert.Equal(["if [ -f a ]; then\n  echo a\nfi\n", "42", "true", "quoted: with colon"], step.Script);
    }

    [Fact]
    public void Pipes_go_to_the_pipe_list_from_script_and_after_script()
    {
        var step = OnlyStep("""
            pipelines:
              default:
                - step:
                    script:
                      - ./build.sh
                      - pipe: atlassian/aws-s3-deploy:1.1.0
                        variables:
                          S3_BUCKET: bucket
                    after-script:
                      - pipe: atlassian/slack-notify:2.0.0
                      - echo done
            """);

        Assert.Equal(["./build.sh"], step.Script);
        Assert.Equal(["echo done"], step.AfterScript);
        Assert.Equal(["atlassian/aws-s3-deploy:1.1.0", "atlassian/slack-notify:2.0.0"], step.Pipes);
    }

    [Fact]
    public void An_aliased_command_is_a_command()
    {
        var file = ParseValid("""
            definitions:
              install: &install npm ci --no-audit
            pipelines:
              default:
                - step:
                    script:
                      - *install
                      - npm test
            """);

        Assert.Equal(["npm ci --no-audit", "npm test"], Assert.IsType<StepItem>(Assert.Single(file.Default!.Items)).Step.Script);
    }

    [Fact]
    public void Runs_on_takes_one_label_or_a_list()
    {
        var single = OnlyStep("pipelines:\n  default:\n    - step:\n        runs-on: self.hosted\n        script: [a]\n");
        var list = OnlyStep("pipelines:\n  default:\n    - step:\n        runs-on:\n          - self.hosted\n          - linux\n        script: [a]\n");

        Assert.Equal(["self.hosted"], single.RunsOn);
        Assert.Equal(["self.hosted", "linux"], list.RunsOn);
    }

    [Fact]
    public void Artifacts_take_a_list_or_paths_with_download()
    {
        var list = OnlyStep("pipelines:\n  default:\n    - step:\n        script: [a]\n        artifacts:\n          - dist/**\n          - reports/*.xml\n");
        var expanded = OnlyStep("pipelines:\n  default:\n    - step:\n        script: [a]\n        artifacts:\n          download: false\n          paths:\n            - out/**\n");

        Assert.Equal(["dist/**", "reports/*.xml"], list.Artifacts);
        Assert.True(list.DownloadArtifacts);
        Assert.Equal(["out/**"], expanded.Artifacts);
        Assert.False(expanded.DownloadArtifacts);
    }

    [Fact]
    public void Every_documented_step_key_is_read()
    {
        var step = OnlyStep("""
            definitions:
              services:
                postgres:
                  image: postgres:16
            pipelines:
              default:
                - step:
                    name: Everything
                    image: golang:1.23
                    size: 4x
                    max-time: 15
                    trigger: manual
                    deployment: test
                    oidc: true
                    fail-fast: true
                    runs-on: [self.hosted, linux]
                    services: [docker, postgres]
                    caches: [docker]
                    artifacts: [bin/*]
                    clone:
                      depth: 1
                    runtime:
                      cloud:
                        arch: arm
                    condition:
                      changesets:
                        includePaths: ["**/*.go"]
                    script: [go build ./...]
                    after-script: [echo $BITBUCKET_EXIT_CODE]
            """);

        var expected = new StepDefinition("Everything", ["go build ./..."], ["echo $BITBUCKET_EXIT_CODE"], ["self.hosted", "linux"], 15, true, "test",
            new ChangesetCondition(["**/*.go"]), 4, true, "golang:1.23", ["docker", "postgres"], [], ["docker"], ["bin/*"], 8)
        {
            FailFast = true,
            CloneSettings = new CloneSettings(true, 1),
        };
        ModelAssert.Equal(expected, step);
    }

    [Fact]
    public void A_custom_pipeline_without_variables_has_none()
    {
        var file = ParseValid("pipelines:\n  custom:\n    nightly:\n      - step:\n          script: [./nightly.sh]\n");

        var custom = Assert.Single(file.Custom);
        Assert.Equal("nightly", custom.Name);
        Assert.Empty(custom.Variables);
        Assert.Single(custom.Pipeline.Items);
    }

    [Fact]
    public void Patterns_are_trimmed_as_bitbucket_trims_them_and_keep_file_order()
    {
        var file = ParseValid("pipelines:\n  tags:\n    ' v* ':\n      - step:\n          script: [a]\n    release-*:\n      - step:\n          script: [b]\n");

        Assert.Equal(["v*", "release-*"], file.Tags.Select(t => t.Pattern));
    }

    [Fact]
    public void Keys_bitbucket_documents_that_githost_does_not_act_on_are_accepted()
    {
        var result = Parse("""
            export: true
            labels:
              team: payments
            clone:
              lfs: true
              filter: blob:none
              skip-ssl-verify: false
              strategy: fetch
              tags: true
              sparse-checkout:
                patterns: [src]
            pipelines:
              default:
                - step:
                    script: [a]
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }
}
