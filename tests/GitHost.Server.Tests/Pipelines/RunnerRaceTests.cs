using System.Text.RegularExpressions;
using GitHost.Testing;
using GitHost.Testing.Pipelines;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>Runners competing for the same queue, and a step that runs past its max-time.</summary>
public sealed partial class RunnerRaceTests(RunnerServer fixture) : IClassFixture<RunnerServer>
{
    private const int Steps = 8;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GitHostTestServer Server => fixture.Server;

    [Fact]
    public async Task Two_runners_racing_for_the_steps_of_a_parallel_group_run_each_step_exactly_once()
    {
        using var repo = await PipelineRepo.CreateAsync(Server, "RACE", "race", Ct);
        await using var left = await repo.StartRunnerAsync("left", Ct, capacity: 2);
        await using var right = await repo.StartRunnerAsync("right", Ct, capacity: 2);

        var parallel = string.Concat(Enumerable.Range(0, Steps).Select(i => $"""

                  - step:
                      name: Part {i}
                      script: [echo "part {i} ran on $(hostname) in $PWD", sleep 0.3]
            """));
        await repo.PushAsync($"""
            pipelines:
              default:
                - parallel:{parallel}
            """, "many parts", Ct);
        await Server.Logs.WaitForAsync(l => l.Contains($"Pipeline #1 of repository {repo.Id} is now Successful", StringComparison.Ordinal), Deadline, Ct);

        var steps = (await repo.StepsAsync(1, Ct)).EnumerateArray().ToList();
        var started = StartedSteps().Matches(left.Output + "\n" + right.Output).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Steps, steps.Count);
        Assert.Equal(Steps, started.Count);
        Assert.Equal(steps.Select(s => s.GetProperty("uuid").GetString()).Order(), started.Order());
        for (var i = 0; i < Steps; i++)
        {
            var log = await repo.LogAsync(1, steps[i], Ct);
            Assert.Single(Regex.Matches(log, $"^part {i} ran on ", RegexOptions.Multiline));
        }
    }

    [Fact]
    public async Task A_step_past_its_max_time_is_killed_and_fails_with_the_reason_and_no_after_script()
    {
        using var repo = await PipelineRepo.CreateAsync(Server, "RACE", "slow", Ct);
        var marker = Path.Combine(Path.GetTempPath(), "githost-slow-" + Guid.NewGuid().ToString("N"));
        await using var runner = await repo.StartRunnerAsync("patient", Ct);

        await repo.PushAsync($$"""
            pipelines:
              default:
                - step:
                    name: Hangs
                    max-time: 1
                    script:
                      - echo "started"
                      - sleep 600 && touch "{{marker}}"
                    after-script:
                      - echo "after with $BITBUCKET_EXIT_CODE"
            """, "a hang", Ct);
        await Server.Logs.WaitForAsync(l => l.Contains($"Pipeline #1 of repository {repo.Id} is now Failed", StringComparison.Ordinal), TimeSpan.FromMinutes(3), Ct);
        // The server ends the step at the heartbeat past its time; the runner then kills the script and sends its last lines.
        await runner.WaitForOutputAsync("Step \"Hangs\" of pipeline #1 ended", Deadline, Ct);

        var step = (await repo.StepsAsync(1, Ct))[0];
        var log = await repo.LogAsync(1, step, Ct);
        Assert.Equal("FAILED", step.GetProperty("state").GetProperty("result").GetProperty("name").GetString());
        Assert.Contains("The step ran longer than its max-time of 1 minutes.", log);
        Assert.Contains("started", log);
        Assert.False(File.Exists(marker), "the script's sleep was killed, not left to finish");
        Assert.DoesNotContain("after with", log);
        var duration = step.GetProperty("duration_in_seconds").GetInt32();
        Assert.InRange(duration, 60, 90);
    }

    [GeneratedRegex(@"Running step ""Part \d+"" of pipeline #1 \((\{[0-9a-f-]+\})\)")]
    private static partial Regex StartedSteps();
}
