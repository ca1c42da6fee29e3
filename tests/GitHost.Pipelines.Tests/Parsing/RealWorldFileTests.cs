using GitHost.Pipelines.Definitions;
using Xunit;
using static GitHost.Pipelines.Tests.ParseHelper;

namespace GitHost.Pipelines.Tests.Parsing;

/// <summary>Files shaped like the ones teams keep in their repositories, read into the exact model.</summary>
public sealed class RealWorldFileTests
{
    /// <summary>Also cut into every prefix by <see cref="HostileInputTests"/>.</summary>
    internal const string NodeBuild = """
        image: node:20

        options:
          max-time: 30

        definitions:
          caches:
            npm: $HOME/.npm
          services:
            postgres:
              image: postgres:16
          steps:
            - step: &build
                name: Build and test
                caches:
                  - npm
                  - node
                services:
                  - postgres
                script:
                  - npm ci
                  - npm test
                artifacts:
                  - dist/**
            - step: &deploy
                name: Deploy
                script:
                  - pipe: atlassian/aws-s3-deploy:1.1.0
                    variables:
                      S3_BUCKET: my-bucket

        pipelines:
          default:
            - step: *build
          branches:
            main:
              - step: *build
              - step:
                  <<: *deploy
                  deployment: production
                  trigger: manual
            'feature/*':
              - step: *build
          tags:
            'v*':
              - step:
                  <<: *build
                  name: Release build
          pull-requests:
            '**':
              - step: *build
          custom:
            deploy-to:
              - variables:
                  - name: ENVIRONMENT
                    default: staging
                    allowed-values:
                      - staging
                      - production
                    description: Where to deploy
              - step:
                  <<: *deploy
                  deployment: staging
        """;

    [Fact]
    public void Node_build_with_anchors_reads_every_section()
    {
        var file = ParseValid(NodeBuild);

        // The anchored step starts at "- step: &build" (line 13); merged steps start at their "<<" line.
        var build = Step(13, "npm ci", "npm test") with
        {
            Name = "Build and test",
            MaxTimeMinutes = 30,
            Image = "node:20",
            Services = ["postgres"],
            Caches = ["npm", "node"],
            Artifacts = ["dist/**"],
        };
        var deploy = Step(39) with
        {
            Name = "Deploy",
            MaxTimeMinutes = 30,
            Image = "node:20",
            Pipes = ["atlassian/aws-s3-deploy:1.1.0"],
            Deployment = "production",
            ManualTrigger = true,
        };
        var expected = new PipelineFile(
            "node:20",
            new PipelineOptions(30, 1),
            CloneSettings.Default,
            new Pipeline([new StepItem(build)]),
            [
                new PatternPipeline("main", new Pipeline([new StepItem(build), new StepItem(deploy)])),
                new PatternPipeline("feature/*", new Pipeline([new StepItem(build)])),
            ],
            [new PatternPipeline("v*", new Pipeline([new StepItem(build with { Name = "Release build", Line = 47 })]))],
            [new PatternPipeline("**", new Pipeline([new StepItem(build)]))],
            [
                new CustomPipeline("deploy-to",
                    [new CustomVariable("ENVIRONMENT", "staging", ["staging", "production"], "Where to deploy")],
                    new Pipeline([new StepItem(deploy with { Deployment = "staging", ManualTrigger = false, Line = 62 })])),
            ]);
        ModelAssert.Equal(expected, file);
    }

    [Fact]
    public void Parallel_group_with_fail_fast_reads_its_steps_and_flags()
    {
        var file = ParseValid("""
            pipelines:
              default:
                - step:
                    name: Build
                    script:
                      - ./build.sh
                - parallel:
                    fail-fast: true
                    steps:
                      - step:
                          name: Unit
                          script:
                            - ./test.sh unit
                      - step:
                          name: Lint
                          fail-fast: false
                          script:
                            - ./lint.sh
                - parallel:
                    - step:
                        script:
                          - ./a.sh
                    - step:
                        fail-fast: true
                        script:
                          - ./b.sh
            """);

        var expected = new Pipeline(
        [
            new StepItem(Step(4, "./build.sh") with { Name = "Build" }),
            new ParallelItem(true,
            [
                Step(11, "./test.sh unit") with { Name = "Unit" },
                Step(15, "./lint.sh") with { Name = "Lint" },
            ]),
            new ParallelItem(false,
            [
                Step(21, "./a.sh"),
                Step(24, "./b.sh") with { FailFast = true },
            ]),
        ]);
        ModelAssert.Equal(expected, file.Default);
    }

    [Fact]
    public void Stages_with_deployment_and_condition_read_their_steps()
    {
        var file = ParseValid("""
            pipelines:
              branches:
                main:
                  - stage:
                      name: Build and test
                      condition:
                        changesets:
                          includePaths:
                            - "src/**"
                            - package.json
                      steps:
                        - step:
                            script:
                              - npm ci
                        - step:
                            script:
                              - npm test
                  - stage:
                      name: Deploy to production
                      deployment: production
                      trigger: manual
                      steps:
                        - step:
                            name: Upload
                            script:
                              - ./deploy.sh
            """);

        var expected = new Pipeline(
        [
            new StageItem("Build and test", null, new ChangesetCondition(["src/**", "package.json"]), false,
                [Step(13, "npm ci"), Step(16, "npm test")]),
            new StageItem("Deploy to production", "production", null, true,
                [Step(24, "./deploy.sh") with { Name = "Upload" }]),
        ]);
        ModelAssert.Equal(expected, Assert.Single(file.Branches).Pipeline);
    }

    [Fact]
    public void Merge_keys_keep_explicit_keys_over_merged_ones_and_earlier_maps_over_later()
    {
        var file = ParseValid("""
            definitions:
              common: &common
                image: node:18
                size: 2x
                max-time: 10
              slow: &slow
                max-time: 60
                size: 4x
                oidc: true
            pipelines:
              default:
                - step:
                    max-time: 5
                    <<: [*common, *slow]
                    script:
                      - make
            """);

        // max-time: the step's own 5 wins; size: *common (earlier) beats *slow; oidc only comes from *slow.
        var expected = Step(13, "make") with { Image = "node:18", Size = 2, MaxTimeMinutes = 5, Oidc = true };
        ModelAssert.Equal(new Pipeline([new StepItem(expected)]), file.Default);
    }

    [Fact]
    public void Steps_inherit_options_image_and_clone_unless_they_set_their_own()
    {
        var file = ParseValid("""
            image: atlassian/default-image:4
            options:
              size: 2x
              max-time: 45
              docker: true
            clone:
              depth: full
              lfs: true
            pipelines:
              default:
                - step:
                    script: [a]
                - step:
                    image:
                      name: private/image:1
                      username: $USER
                      password: $PASSWORD
                    size: 8x
                    max-time: 720
                    clone:
                      enabled: false
                    script: [b]
            """);

        Assert.Equal(new PipelineOptions(45, 2) { Docker = true }, file.Options);
        Assert.Equal(new CloneSettings(true, null), file.CloneSettings);
        var expected = new Pipeline(
        [
            new StepItem(Step(12, "a") with { Image = "atlassian/default-image:4", Size = 2, MaxTimeMinutes = 45, CloneSettings = new CloneSettings(true, null) }),
            new StepItem(Step(14, "b") with { Image = "private/image:1", Size = 8, MaxTimeMinutes = 720, CloneSettings = new CloneSettings(false, null) }),
        ]);
        ModelAssert.Equal(expected, file.Default);
    }
}
