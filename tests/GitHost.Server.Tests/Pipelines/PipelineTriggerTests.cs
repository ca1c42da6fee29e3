using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>Pushes, tags and pull requests start the pipelines their <c>bitbucket-pipelines.yml</c> names, recorded with their steps and a build status.</summary>
public sealed class PipelineTriggerTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_push_to_main_records_the_branch_pipeline_with_its_steps_and_an_in_progress_build(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PipelineRepo.CreateAsync(server, "PIP", "push-" + provider.ToString().ToLowerInvariant(), Ct);

        var commit = await repo.PushAsync(PipelineFiles.Full, "add pipelines", Ct);
        var pipeline = await repo.WaitForPipelineAsync(1, Ct);
        var steps = await repo.StepsAsync(1, Ct);

        Assert.Equal("pipeline", pipeline.GetProperty("type").GetString());
        Assert.Equal(1, pipeline.GetProperty("build_number").GetInt32());
        var target = pipeline.GetProperty("target");
        Assert.Equal("pipeline_ref_target", target.GetProperty("type").GetString());
        Assert.Equal("branch", target.GetProperty("ref_type").GetString());
        Assert.Equal("main", target.GetProperty("ref_name").GetString());
        Assert.Equal(commit, target.GetProperty("commit").GetProperty("hash").GetString());
        Assert.Equal("branches", target.GetProperty("selector").GetProperty("type").GetString());
        Assert.Equal("main", target.GetProperty("selector").GetProperty("pattern").GetString());
        Assert.Equal("PUSH", pipeline.GetProperty("trigger").GetProperty("name").GetString());
        Assert.Equal("IN_PROGRESS", pipeline.GetProperty("state").GetProperty("name").GetString());
        Assert.Equal("RUNNING", pipeline.GetProperty("state").GetProperty("stage").GetProperty("name").GetString());
        Assert.Matches("^\\{[0-9a-f-]{36}\\}$", pipeline.GetProperty("uuid").GetString());

        Assert.Equal(["Build main", "Lint", "Test", "Deploy"], steps.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["READY", "PENDING", "PENDING", "PENDING"], steps.EnumerateArray().Select(s => s.GetProperty("state").GetProperty("name").GetString()));
        Assert.Equal([0, 1, 1, 2], steps.EnumerateArray().Select(s => s.GetProperty("group_index").GetInt32()));
        Assert.Equal(["linux.shell", "self.hosted"], steps[0].GetProperty("runs_on").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("echo main", steps[0].GetProperty("script_commands")[0].GetProperty("command").GetString());
        Assert.Equal("node:20", steps[0].GetProperty("image").GetProperty("name").GetString());
        Assert.Equal(120, steps[0].GetProperty("max_time").GetInt32());
        Assert.Equal("pipeline_step_trigger_manual", steps[3].GetProperty("trigger").GetProperty("type").GetString());
        Assert.Equal("production", steps[3].GetProperty("deployment").GetString());

        using var admin = server.AdminClient();
        var status = await (await admin.GetAsync($"/rest/api/1.0/projects/{repo.Key}/repos/{repo.Slug}/commits/{commit}/builds?key=pipelines:branches:main", Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("INPROGRESS", status.GetProperty("state").GetString());
        Assert.EndsWith($"/projects/{repo.Key}/repos/{repo.Slug}/pipelines/results/1", status.GetProperty("url").GetString());
        Assert.Equal("Pipeline #1", status.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_invalid_file_makes_an_error_pipeline_that_names_the_line_and_a_failed_build()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIP", "invalid", Ct);

        var commit = await repo.PushAsync(PipelineFiles.MissingScript, "broken pipelines", Ct);
        var pipeline = await repo.WaitForPipelineAsync(1, Ct);

        Assert.Equal("COMPLETED", pipeline.GetProperty("state").GetProperty("name").GetString());
        Assert.Equal("ERROR", pipeline.GetProperty("state").GetProperty("result").GetProperty("name").GetString());
        var problems = pipeline.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("line").GetInt32() == 5 && p.GetProperty("message").GetString()!.Contains("scritp", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.GetProperty("message").GetString()!.Contains("script", StringComparison.Ordinal) && p.GetProperty("line").GetInt32() is 3 or 4);
        Assert.Contains("line", pipeline.GetProperty("error").GetProperty("message").GetString());
        Assert.Empty(await repo.StepsAsync(1, Ct).ContinueWith(t => t.Result.EnumerateArray().ToList(), TaskScheduler.Default));

        using var admin = server.AdminClient();
        var status = await (await admin.GetAsync($"/rest/api/1.0/projects/{repo.Key}/repos/{repo.Slug}/commits/{commit}/builds?key=pipelines:default", Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("FAILED", status.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Skip_ci_in_the_message_starts_nothing_and_the_next_push_gets_the_first_number()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIP", "skip", Ct);

        await repo.PushAsync(PipelineFiles.Full, "docs only [skip ci]", Ct);
        var built = await repo.PushAsync(null, "real change", Ct, files: ("a.txt", "a\n"));
        var pipeline = await repo.WaitForPipelineAsync(1, Ct);

        Assert.Equal(built, pipeline.GetProperty("target").GetProperty("commit").GetProperty("hash").GetString());
    }

    [Fact]
    public async Task A_tag_runs_the_tag_pipeline_and_another_branch_the_default()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIP", "tags", Ct);
        await repo.PushAsync(PipelineFiles.Full, "add pipelines", Ct);
        await repo.WaitForPipelineAsync(1, Ct);

        // The tag points at a commit without [skip ci]: a tag on a skipped commit is skipped too.
        await repo.Tree.GitAsync(Ct, "tag", "v1.2");
        (await repo.Tree.PushAsync(server.AdminCloneUrl(repo.Key, repo.Slug), Ct, "refs/tags/v1.2")).EnsureSuccess();
        var tagged = await repo.WaitForPipelineAsync(2, Ct);
        await repo.PushAsync(null, "on a feature", Ct, "feature/x", ("b.txt", "b\n"));
        var feature = await repo.WaitForPipelineAsync(3, Ct);

        Assert.Equal("tag", tagged.GetProperty("target").GetProperty("ref_type").GetString());
        Assert.Equal("v1.2", tagged.GetProperty("target").GetProperty("ref_name").GetString());
        Assert.Equal("tags", tagged.GetProperty("target").GetProperty("selector").GetProperty("type").GetString());
        Assert.Equal("v*", tagged.GetProperty("target").GetProperty("selector").GetProperty("pattern").GetString());
        Assert.Equal("default", feature.GetProperty("target").GetProperty("selector").GetProperty("type").GetString());
        Assert.False(feature.GetProperty("target").GetProperty("selector").TryGetProperty("pattern", out _));
    }

    [Fact]
    public async Task Opening_a_pull_request_runs_its_pipeline_on_the_source_commit()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIP", "pr", Ct);
        await repo.PushAsync(PipelineFiles.Full, "[skip ci] add pipelines", Ct);
        var source = await repo.PushAsync(null, "feature work", Ct, "feature", ("c.txt", "c\n"));
        await repo.WaitForPipelineAsync(1, Ct);
        using var admin = server.AdminClient();

        var pr = await (await admin.PostAsync($"/rest/api/1.0/projects/{repo.Key}/repos/{repo.Slug}/pull-requests", Json(new
        {
            title = "Feature",
            fromRef = new { id = "refs/heads/feature" },
            toRef = new { id = "refs/heads/main" },
        }), Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var pipeline = await repo.WaitForPipelineAsync(2, Ct);

        var target = pipeline.GetProperty("target");
        Assert.Equal("pipeline_pullrequest_target", target.GetProperty("type").GetString());
        Assert.Equal("feature", target.GetProperty("source").GetString());
        Assert.Equal("main", target.GetProperty("destination").GetString());
        Assert.Equal(pr.GetProperty("id").GetInt64(), target.GetProperty("pullrequest").GetProperty("id").GetInt64());
        Assert.Equal(source, target.GetProperty("commit").GetProperty("hash").GetString());
        Assert.Equal("pull-requests", target.GetProperty("selector").GetProperty("type").GetString());
        Assert.Equal("PULL_REQUEST", pipeline.GetProperty("trigger").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("oversized")]
    [InlineData("laughs")]
    [InlineData("deep")]
    [InlineData("tabs")]
    public async Task A_hostile_file_pushed_makes_a_clean_error_pipeline_and_nothing_stuck(string kind)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIH", "hostile-" + kind, Ct);
        var text = kind switch
        {
            // 10 MB: over the parser's 1 MiB and under the reader's 16 MiB, so the parser's limit speaks.
            "oversized" => "pipelines:\n  default:\n    - step:\n        script:\n" + string.Concat(Enumerable.Repeat("          - echo 0123456789012345678901234567890123456789\n", 200_000)),
            "laughs" => "a: &a [x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 8).Select(i =>
                $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat("*" + (char)('a' + i - 1), 9))}]\n")) + "pipelines:\n  default: *i\n",
            "deep" => "pipelines: " + new string('[', 10_000) + new string(']', 10_000) + "\n",
            _ => "pipelines:\n\tdefault:\n\t\t- step:\n",
        };

        await repo.PushAsync(text, "hostile " + kind, Ct);
        var pipeline = await repo.WaitForPipelineAsync(1, Ct);
        var after = await repo.PushAsync(PipelineFiles.Full, "fixed", Ct);
        var fixedPipeline = await repo.WaitForPipelineAsync(2, Ct);

        Assert.Equal("ERROR", pipeline.GetProperty("state").GetProperty("result").GetProperty("name").GetString());
        Assert.NotEmpty(pipeline.GetProperty("problems").EnumerateArray());
        Assert.True(pipeline.GetProperty("problems")[0].GetProperty("line").GetInt32() >= 1);
        Assert.Equal(after, fixedPipeline.GetProperty("target").GetProperty("commit").GetProperty("hash").GetString());
        Assert.Equal("IN_PROGRESS", fixedPipeline.GetProperty("state").GetProperty("name").GetString());
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
