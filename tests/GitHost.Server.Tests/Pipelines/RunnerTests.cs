using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data.Pipelines;
using GitHost.Server.Tests.GitHttp;
using GitHost.Services.Pipelines.Runners;
using GitHost.Testing;
using GitHost.Testing.Pipelines;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>Real githost-runner processes running pushed pipelines: scripts, variables, masking, parallel steps, failures, lost runners, stops.</summary>
public sealed class RunnerTests(RunnerServer fixture) : IClassFixture<RunnerServer>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GitHostTestServer Server => fixture.Server;

    [Fact]
    public async Task A_runner_runs_a_pushed_pipeline_with_its_variables_masked_secrets_and_a_failing_last_step()
    {
        using var repo = await PipelineRepo.CreateAsync(Server, "RUN", "e2e", Ct);
        await AddSecuredVariableAsync(repo.Id, "DEPLOY_KEY", "s3cr3t-value-42");
        var token = await repo.CreateRunnerAsync("r1", Ct);
        await using var runner = RunnerProcess.Start(Server.BaseAddress, token);
        await runner.WaitForOutputAsync("Polling", Deadline, Ct);

        var commit = await repo.PushAsync("""
            pipelines:
              branches:
                main:
                  - step:
                      name: Build
                      script:
                        - echo "building $BITBUCKET_BRANCH number $BITBUCKET_BUILD_NUMBER in $BITBUCKET_REPO_FULL_NAME"
                        - test -f README.md && echo "checked out"
                        - echo "secret is $DEPLOY_KEY"
                        - printf '%s' "$DEPLOY_KEY" | base64
                  - parallel:
                      - step:
                          name: Part A
                          script: [echo "part $BITBUCKET_PARALLEL_STEP of $BITBUCKET_PARALLEL_STEP_COUNT"]
                      - step:
                          name: Part B
                          script: [echo "part $BITBUCKET_PARALLEL_STEP of $BITBUCKET_PARALLEL_STEP_COUNT"]
                  - step:
                      name: Fails
                      script:
                        - echo before
                        - exit 3
                        - echo never
                      after-script:
                        - echo "after with $BITBUCKET_EXIT_CODE"
            """, "pipelines", Ct, files: ("README.md", "hello\n"));
        await Server.Logs.WaitForAsync(l => l.Contains($"Pipeline #1 of repository {repo.Id} is now", StringComparison.Ordinal), Deadline, Ct);

        var pipeline = await repo.WaitForPipelineAsync(1, Ct);
        var steps = (await repo.StepsAsync(1, Ct)).EnumerateArray().ToList();
        Assert.Equal("FAILED", pipeline.GetProperty("state").GetProperty("result").GetProperty("name").GetString());
        Assert.Equal(["SUCCESSFUL", "SUCCESSFUL", "SUCCESSFUL", "FAILED"], steps.Select(s => s.GetProperty("state").GetProperty("result").GetProperty("name").GetString()));
        Assert.Equal(3, steps[3].GetProperty("exit_code").GetInt32());

        var build = await repo.LogAsync(1, steps[0], Ct);
        Assert.Contains("+ echo \"building $BITBUCKET_BRANCH", build);
        Assert.Contains($"building main number 1 in {repo.Key}/{repo.Slug}", build);
        Assert.Contains("checked out", build);
        Assert.Contains("secret is $DEPLOY_KEY", build);
        Assert.DoesNotContain("s3cr3t-value-42", build);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cr3t-value-42")), build);
        Assert.Contains("part 0 of 2", await repo.LogAsync(1, steps[1], Ct));
        Assert.Contains("part 1 of 2", await repo.LogAsync(1, steps[2], Ct));
        var failed = await repo.LogAsync(1, steps[3], Ct);
        Assert.Contains("before", failed);
        Assert.DoesNotContain("never", failed.Replace("+ echo never", "", StringComparison.Ordinal));
        Assert.Contains("after with 3", failed);

        using var admin = Server.AdminClient();
        var status = await (await admin.GetAsync($"/rest/api/1.0/projects/{repo.Key}/repos/{repo.Slug}/commits/{commit}/builds?key=pipelines:branches:main", Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("FAILED", status.GetProperty("state").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(runner.Work, "steps")));
    }

    [Fact]
    public async Task A_failing_pull_request_pipeline_blocks_the_merge_until_a_fix_turns_it_green()
    {
        using var repo = await PipelineRepo.CreateAsync(Server, "RUN", "gate", Ct);
        await using var runner = RunnerProcess.Start(Server.BaseAddress, await repo.CreateRunnerAsync("r-gate", Ct));
        await repo.PushAsync("""
            pipelines:
              pull-requests:
                '**':
                  - step:
                      name: Check
                      script:
                        - test -f ok.txt
            """, "pipelines", Ct);
        using var admin = Server.AdminClient();
        await (await admin.PostAsJsonAsync($"/rest/required-builds/1.0/projects/{repo.Key}/repos/{repo.Slug}/condition", new
        {
            buildParentKeys = new[] { "pipelines:pull-requests:**" },
            refMatcher = new { id = "refs/heads/main", type = new { id = "BRANCH" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.PushAsync(null, "work without the file", Ct, "feature", ("work.txt", "w\n"));
        await (await admin.PostAsJsonAsync($"/rest/api/1.0/projects/{repo.Key}/repos/{repo.Slug}/pull-requests", new
        {
            title = "Feature", fromRef = new { id = "refs/heads/feature" }, toRef = new { id = "refs/heads/main" },
        }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var merge = $"/rest/api/1.0/projects/{repo.Key}/repos/{repo.Slug}/pull-requests/1/merge";

        await Server.Logs.WaitForAsync(l => l.Contains($"Pipeline #1 of repository {repo.Id} is now Failed", StringComparison.Ordinal), Deadline, Ct);
        var blocked = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.PushAsync(null, "add the file", Ct, "feature", ("ok.txt", "ok\n"));
        await Server.Logs.WaitForAsync(l => l.Contains($"Pipeline #2 of repository {repo.Id} is now Successful", StringComparison.Ordinal), Deadline, Ct);
        var open = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.False(blocked.GetProperty("canMerge").GetBoolean());
        Assert.Contains("pipelines:pull-requests:** (failed)", Assert.Single(blocked.GetProperty("vetoes").EnumerateArray()).GetProperty("detailedMessage").GetString());
        Assert.True(open.GetProperty("canMerge").GetBoolean(), open.ToString());
    }

    [Fact]
    public async Task Ten_megabytes_of_output_arrive_whole_and_a_secret_printed_in_two_pieces_is_still_masked()
    {
        using var repo = await PipelineRepo.CreateAsync(Server, "RUN", "loud", Ct);
        await AddSecuredVariableAsync(repo.Id, "SPLIT_SECRET", "abcdefghij-klmnop");
        await using var runner = RunnerProcess.Start(Server.BaseAddress, await repo.CreateRunnerAsync("r-loud", Ct));
        await repo.PushAsync("""
            pipelines:
              default:
                - step:
                    name: Loud
                    script:
                      - head -c 10000000 /dev/zero | tr '\0' 'x' | fold -w 99
                      - printf '%s' "${SPLIT_SECRET:0:6}"; sleep 0.5; printf '%s\n' "${SPLIT_SECRET:6}"
                      - echo done
            """, "pipelines", Ct);

        await Server.Logs.WaitForAsync(l => l.Contains($"Pipeline #1 of repository {repo.Id} is now Successful", StringComparison.Ordinal), TimeSpan.FromMinutes(2), Ct);

        var step = (await repo.StepsAsync(1, Ct))[0];
        var log = await repo.LogAsync(1, step, Ct);
        Assert.Equal(10_000_000, log.Split('\n').Where(l => !l.StartsWith("+ ", StringComparison.Ordinal)).Sum(l => l.Count(c => c == 'x')));
        Assert.Equal(log.Length, Encoding.UTF8.GetByteCount(log));
        Assert.Equal(Encoding.UTF8.GetByteCount(log), step.GetProperty("log_byte_count").GetInt64());
        Assert.Contains("$SPLIT_SECRET", log);
        Assert.DoesNotContain("abcdefghij-klmnop", log);
        Assert.DoesNotContain("abcdef", log.Replace("${SPLIT_SECRET:0:6}", "", StringComparison.Ordinal));
        Assert.EndsWith("done\n", log);
    }

    [Fact]
    public async Task A_runner_pulled_out_of_the_wall_is_noticed_and_its_step_runs_again_on_another()
    {
        using var repo = await PipelineRepo.CreateAsync(Server, "RUN", "lost", Ct);
        var marker = Path.Combine(Path.GetTempPath(), "githost-lost-" + Guid.NewGuid().ToString("N"));
        var first = RunnerProcess.Start(Server.BaseAddress, await repo.CreateRunnerAsync("doomed", Ct));
        await first.WaitForOutputAsync("Polling", Deadline, Ct);

        await repo.PushAsync($$"""
            pipelines:
              default:
                - step:
                    name: Long
                    script:
                      - if [ -e "{{marker}}" ]; then echo "second run"; else touch "{{marker}}"; echo "first run"; sleep 600; fi
            """, "pipelines", Ct);
        await ScriptSignals.WaitForFileAsync(marker, Deadline, Ct);
        await first.KillAsync();
        await using var second = RunnerProcess.Start(Server.BaseAddress, await repo.CreateRunnerAsync("spare", Ct));
        await Server.Logs.WaitForAsync(l => l.Contains($"repository {repo.Id}: step \"Long\" ended Successful", StringComparison.Ordinal), Deadline, Ct);
        await first.DisposeAsync();

        var step = (await repo.StepsAsync(1, Ct))[0];
        Assert.Equal("SUCCESSFUL", step.GetProperty("state").GetProperty("result").GetProperty("name").GetString());
        Assert.True(Server.Logs.Contains("(\"Long\") lost its runner and was queued again"));
        var log = await repo.LogAsync(1, step, Ct);
        Assert.Contains("second run", log);
        Assert.Contains("first run", log);
        File.Delete(marker);
    }

    [Fact]
    public async Task Stopping_a_running_pipeline_kills_its_script_and_the_step_ends_stopped()
    {
        using var repo = await PipelineRepo.CreateAsync(Server, "RUN", "stop", Ct);
        var marker = Path.Combine(Path.GetTempPath(), "githost-stop-" + Guid.NewGuid().ToString("N"));
        await using var runner = await repo.StartRunnerAsync("r-stop", Ct);
        await repo.PushAsync($$"""
            pipelines:
              default:
                - step:
                    name: Forever
                    script:
                      - touch "{{marker}}"
                      - sleep 600
                - step:
                    name: Next
                    script: [echo next]
            """, "pipelines", Ct);
        await ScriptSignals.WaitForFileAsync(marker, Deadline, Ct);
        using var admin = Server.AdminClient();

        await (await admin.PostAsync($"{repo.Api}/1/stopPipeline", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await runner.WaitForOutputAsync("Step \"Forever\" of pipeline #1 ended", Deadline, Ct);

        var pipeline = await (await admin.GetAsync($"{repo.Api}/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var steps = (await repo.StepsAsync(1, Ct)).EnumerateArray().ToList();
        Assert.Equal("STOPPED", pipeline.GetProperty("state").GetProperty("result").GetProperty("name").GetString());
        Assert.Equal(["STOPPED", "NOT_RUN"], steps.Select(s => s.GetProperty("state").GetProperty("result").GetProperty("name").GetString()));
        Assert.Contains("Stopped by admin", steps[0].GetProperty("reason").GetString());
        File.Delete(marker);
    }

    [Fact]
    public async Task A_registration_token_works_once_and_a_restarted_runner_keeps_its_credential()
    {
        using var repo = await PipelineRepo.CreateAsync(Server, "RUN", "register", Ct);
        var token = await repo.CreateRunnerAsync("once", Ct);
        var first = RunnerProcess.Start(Server.BaseAddress, token);
        await first.WaitForOutputAsync("Polling", Deadline, Ct);
        await first.KillAsync();

        using var client = new HttpClient { BaseAddress = Server.BaseAddress };
        var reuse = new HttpRequestMessage(HttpMethod.Post, "/rest/pipelines/1.0/runner/register") { Content = JsonContent.Create(new { hostName = "x", capacity = 1 }) };
        reuse.Headers.Add("X-GitHost-Runner-Token", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(reuse, Ct)).StatusCode);
        var poll = new HttpRequestMessage(HttpMethod.Post, "/rest/pipelines/1.0/runner/jobs/next") { Content = JsonContent.Create(new { free = 1, running = Array.Empty<string>() }) };
        poll.Headers.Add("X-GitHost-Runner-Token", "GHS-not-a-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(poll, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/rest/pipelines/1.0/runner/jobs/next", JsonContent.Create(new { free = 1, running = Array.Empty<string>() }), Ct)).StatusCode);

        // Started again without a token, from the credential it saved in its work directory.
        await using var restarted = RunnerProcess.Start(Server.BaseAddress, null, first.Work);
        await restarted.WaitForOutputAsync("Polling", Deadline, Ct);
        using var admin = Server.AdminClient();
        var listed = await (await admin.GetAsync($"/rest/pipelines/1.0/projects/{repo.Key}/repos/{repo.Slug}/runners", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var once = listed.GetProperty("values").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "once");
        Assert.Equal("ONLINE", once.GetProperty("state").GetProperty("status").GetString());
        Assert.False(once.TryGetProperty("token", out _));
    }


    private async Task AddSecuredVariableAsync(long repositoryId, string key, string value)
    {
        var protector = Server.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(StepEnvironment.ProtectionPurpose);
        await Server.WithDatabaseAsync(async db =>
        {
            db.PipelineVariables.Add(new PipelineVariableEntity
            {
                Uuid = Guid.NewGuid(), ScopeType = PipelineScope.Repository, ScopeId = repositoryId, Key = key, Value = protector.Protect(value), Secured = true,
            });
            return await db.SaveChangesAsync(Ct);
        });
    }
}
