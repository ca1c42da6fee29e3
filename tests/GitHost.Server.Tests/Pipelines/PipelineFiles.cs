namespace GitHost.Server.Tests.Pipelines;

/// <summary><c>bitbucket-pipelines.yml</c> files as teams write them.</summary>
internal static class PipelineFiles
{
    public const string Full = """
        image: node:20
        pipelines:
          default:
            - step:
                name: Build
                script:
                  - echo default
          branches:
            main:
              - step:
                  name: Build main
                  runs-on: [self.hosted, linux.shell]
                  script:
                    - echo main
              - parallel:
                  - step:
                      name: Lint
                      script: [echo lint]
                  - step:
                      name: Test
                      script: [echo test]
              - step:
                  name: Deploy
                  trigger: manual
                  deployment: production
                  script: [echo deploy]
          tags:
            'v*':
              - step:
                  name: Release
                  script: [echo release]
          pull-requests:
            '**':
              - step:
                  name: PR check
                  script: [echo pr]
          custom:
            deploy:
              - variables:
                  - name: ENV
                    default: staging
                    allowed-values: [staging, production]
              - step:
                  name: Deploy by hand
                  script: [echo $ENV]
        """;

    /// <summary>The step on line 5 has no script.</summary>
    public const string MissingScript = """
        pipelines:
          default:
            - step:
                name: Build
                scritp:
                  - echo typo
        """;
}
