using System.Net;
using System.Text;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>Running a custom pipeline by hand, stopping one, and the file validator; with bad input and every kind of caller.</summary>
public sealed class PipelineCommandTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_writer_runs_a_custom_pipeline_with_a_variable_and_its_defaults_fill_the_rest()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIC", "custom", Ct);
        var head = await repo.PushAsync(PipelineFiles.Full, "[skip ci] add pipelines", Ct);
        await server.CreateUserAsync("pic-writer", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "pic-writer", "REPO_WRITE", Ct);
        using var writer = server.Client("pic-writer");

        var chosen = await (await writer.PostAsync(repo.Api, Body(Custom("deploy", ("ENV", "production"))), Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var defaulted = await (await writer.PostAsync(repo.Api, Body(Custom("deploy")), Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal(1, chosen.GetProperty("build_number").GetInt32());
        Assert.Equal("production", chosen.GetProperty("variables").GetProperty("ENV").GetString());
        Assert.Equal("MANUAL", chosen.GetProperty("trigger").GetProperty("name").GetString());
        Assert.Equal("custom", chosen.GetProperty("target").GetProperty("selector").GetProperty("type").GetString());
        Assert.Equal("deploy", chosen.GetProperty("target").GetProperty("selector").GetProperty("pattern").GetString());
        Assert.Equal(head, chosen.GetProperty("target").GetProperty("commit").GetProperty("hash").GetString());
        Assert.Equal(2, defaulted.GetProperty("build_number").GetInt32());
        Assert.Equal("staging", defaulted.GetProperty("variables").GetProperty("ENV").GetString());
        var steps = await repo.StepsAsync(1, Ct);
        Assert.Equal("Deploy by hand", Assert.Single(steps.EnumerateArray()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("{\"target\":{\"ref_type\":\"branch\",\"ref_name\":\"main\",\"selector\":{\"type\":\"custom\",\"pattern\":\"deploy\"}},\"variables\":[{\"key\":\"ENV\",\"value\":\"moon\"}]}", "variables")]
    [InlineData("{\"target\":{\"ref_type\":\"branch\",\"ref_name\":\"main\",\"selector\":{\"type\":\"custom\",\"pattern\":\"deploy\"}},\"variables\":[{\"key\":\"OTHER\",\"value\":\"x\"}]}", "variables")]
    [InlineData("{\"target\":{\"ref_type\":\"branch\",\"ref_name\":\"main\",\"selector\":{\"type\":\"custom\",\"pattern\":\"nope\"}}}", "target.selector")]
    [InlineData("{\"target\":{\"ref_type\":\"branch\",\"ref_name\":\"missing\"}}", "target.ref_name")]
    [InlineData("{\"target\":{\"ref_type\":\"commit\",\"ref_name\":\"main\"}}", "target.ref_type")]
    [InlineData("{\"target\":{\"ref_type\":\"branch\",\"ref_name\":\"main\",\"selector\":{\"type\":\"weekly\"}}}", "target.selector.type")]
    [InlineData("{\"target\":{\"ref_type\":\"branch\",\"ref_name\":\"main\",\"commit\":{\"hash\":\"0123456789012345678901234567890123456789\"}}}", "target.commit.hash")]
    [InlineData("{\"variables\":[]}", "target.ref_name")]
    [InlineData("{\"target\":", "target")]
    [InlineData("[1,2]", "target")]
    public async Task Bad_run_requests_are_refused_naming_the_field_and_record_nothing(string json, string field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIB", "bad-" + Guid.NewGuid().ToString("N")[..8], Ct);
        await repo.PushAsync(PipelineFiles.Full, "[skip ci] add pipelines", Ct);
        using var admin = server.AdminClient();

        var error = await (await admin.PostAsync(repo.Api, new StringContent(json, Encoding.UTF8, "application/json"), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var list = await (await admin.GetAsync(repo.Api, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(field, error.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal(0, list.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task Stopping_a_pipeline_stops_its_queued_step_leaves_the_rest_not_run_and_cancels_the_build()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIC", "stop", Ct);
        var commit = await repo.PushAsync(PipelineFiles.Full, "add pipelines", Ct);
        await repo.WaitForPipelineAsync(1, Ct);
        using var admin = server.AdminClient();

        await (await admin.PostAsync($"{repo.Api}/1/stopPipeline", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var pipeline = await (await admin.GetAsync($"{repo.Api}/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var steps = await repo.StepsAsync(1, Ct);
        var status = await (await admin.GetAsync($"/rest/api/1.0/projects/{repo.Key}/repos/{repo.Slug}/commits/{commit}/builds?key=pipelines:branches:main", Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("STOPPED", pipeline.GetProperty("state").GetProperty("result").GetProperty("name").GetString());
        Assert.True(pipeline.TryGetProperty("completed_on", out _));
        Assert.Equal(["STOPPED", "NOT_RUN", "NOT_RUN", "NOT_RUN"], steps.EnumerateArray().Select(s => s.GetProperty("state").GetProperty("result").GetProperty("name").GetString()));
        Assert.Equal("CANCELLED", status.GetProperty("state").GetString());
        await (await admin.PostAsync($"{repo.Api}/1/stopPipeline", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
    }

    [Fact]
    public async Task A_stopped_pipeline_runs_its_unfinished_steps_again_and_any_pipeline_runs_again_as_a_new_one()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIC", "rerun", Ct);
        var commit = await repo.PushAsync(PipelineFiles.Full, "add pipelines", Ct);
        await repo.WaitForPipelineAsync(1, Ct);
        await server.CreateUserAsync("pic-rerun-reader", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "pic-rerun-reader", "REPO_READ", Ct);
        using var reader = server.Client("pic-rerun-reader");
        using var admin = server.AdminClient();

        await (await admin.PostAsync($"{repo.Api}/1/rerun-failed-steps", null, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await admin.PostAsync($"{repo.Api}/1/stopPipeline", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.PostAsync($"{repo.Api}/1/rerun-failed-steps", null, Ct)).StatusCode);
        var again = await (await admin.PostAsync($"{repo.Api}/1/rerun-failed-steps", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var steps = await repo.StepsAsync(1, Ct);
        var rerun = await (await admin.PostAsync($"{repo.Api}/1/rerun", null, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal("IN_PROGRESS", again.GetProperty("state").GetProperty("name").GetString());
        Assert.False(again.TryGetProperty("completed_on", out _));
        Assert.Equal(["READY", "PENDING", "PENDING", "PENDING"], steps.EnumerateArray().Select(s => s.GetProperty("state").GetProperty("name").GetString()));
        Assert.False(steps[0].TryGetProperty("reason", out _));
        Assert.Equal(2, rerun.GetProperty("build_number").GetInt32());
        Assert.Equal("MANUAL", rerun.GetProperty("trigger").GetProperty("name").GetString());
        Assert.Equal(commit, rerun.GetProperty("target").GetProperty("commit").GetProperty("hash").GetString());
        Assert.Equal("main", rerun.GetProperty("target").GetProperty("selector").GetProperty("pattern").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.PostAsync($"{repo.Api}/1/rerun", null, Ct)).StatusCode);
        await (await admin.PostAsync($"{repo.Api}/9/rerun", null, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Fact]
    public async Task Pipelines_are_named_by_number_or_uuid_and_pages_follow_bitbucket_cloud()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIC", "paging", Ct);
        await repo.PushAsync(PipelineFiles.Full, "[skip ci] add pipelines", Ct);
        using var admin = server.AdminClient();
        for (var i = 0; i < 3; i++)
        {
            await (await admin.PostAsync(repo.Api, Body(Custom("deploy")), Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        }

        var first = await (await admin.GetAsync($"{repo.Api}?pagelen=2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var second = await (await admin.GetAsync($"{repo.Api}?pagelen=2&page=2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var uuid = first.GetProperty("values")[0].GetProperty("uuid").GetString()!;
        var byUuid = await (await admin.GetAsync($"{repo.Api}/{Uri.EscapeDataString(uuid)}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var bare = await (await admin.GetAsync($"{repo.Api}/{uuid.Trim('{', '}')}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(3, first.GetProperty("size").GetInt32());
        Assert.Equal([3, 2], first.GetProperty("values").EnumerateArray().Select(p => p.GetProperty("build_number").GetInt32()));
        Assert.EndsWith("page=2&pagelen=2", first.GetProperty("next").GetString());
        Assert.Equal([1], second.GetProperty("values").EnumerateArray().Select(p => p.GetProperty("build_number").GetInt32()));
        Assert.False(second.TryGetProperty("next", out _));
        Assert.Equal(3, byUuid.GetProperty("build_number").GetInt32());
        Assert.Equal(3, bare.GetProperty("build_number").GetInt32());
        await (await admin.GetAsync($"{repo.Api}/99", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync($"{repo.Api}/not-a-pipeline", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync($"{repo.Api}?pagelen=101", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync($"{repo.Api}?page=0", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
    }

    [Fact]
    public async Task Each_kind_of_caller_gets_what_its_access_allows()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PipelineRepo.CreateAsync(server, "PIA", "matrix", Ct);
        await repo.PushAsync(PipelineFiles.Full, "add pipelines", Ct);
        await repo.WaitForPipelineAsync(1, Ct);
        await server.CreateUserAsync("pia-reader", Ct);
        await server.CreateUserAsync("pia-writer", Ct);
        await server.CreateUserAsync("pia-outsider", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "pia-reader", "REPO_READ", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "pia-writer", "REPO_WRITE", Ct);
        using var anonymous = server.Client();
        using var outsider = server.Client("pia-outsider");
        using var reader = server.Client("pia-reader");
        using var writer = server.Client("pia-writer");
        var stepUuid = (await repo.StepsAsync(1, Ct))[0].GetProperty("uuid").GetString()!;
        var reads = new[] { repo.Api, $"{repo.Api}/1", $"{repo.Api}/1/steps", $"{repo.Api}/1/steps/{Uri.EscapeDataString(stepUuid)}" };

        foreach (var url in reads)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url, Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(repo.Api, Body(Custom("deploy")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(repo.Api, Body(Custom("deploy")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.PostAsync(repo.Api, Body(Custom("deploy")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.PostAsync($"{repo.Api}/1/stopPipeline", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"{repo.Api}/1/stopPipeline", null, Ct)).StatusCode);
        var stillRunning = await (await reader.GetAsync($"{repo.Api}/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("IN_PROGRESS", stillRunning.GetProperty("state").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsync(repo.Api, Body(Custom("deploy")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.PostAsync($"{repo.Api}/1/stopPipeline", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_validator_lists_every_problem_with_its_position_and_accepts_a_good_file()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        using var anonymous = server.Client();

        var good = await (await admin.PostAsync("/rest/pipelines/1.0/validate", new StringContent(PipelineFiles.Full, Encoding.UTF8, "text/yaml"), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var bad = await (await admin.PostAsync("/rest/pipelines/1.0/validate", new StringContent(PipelineFiles.MissingScript, Encoding.UTF8, "text/yaml"), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var notYaml = await (await admin.PostAsync("/rest/pipelines/1.0/validate", new StringContent("pipelines: [\n  - {", Encoding.UTF8, "text/yaml"), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.True(good.GetProperty("valid").GetBoolean());
        Assert.Empty(good.GetProperty("problems").EnumerateArray());
        Assert.False(bad.GetProperty("valid").GetBoolean());
        Assert.Contains(bad.GetProperty("problems").EnumerateArray(), p => p.GetProperty("line").GetInt32() == 5);
        Assert.False(notYaml.GetProperty("valid").GetBoolean());
        Assert.True(notYaml.GetProperty("problems")[0].GetProperty("line").GetInt32() >= 1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/rest/pipelines/1.0/validate", new StringContent(PipelineFiles.Full), Ct)).StatusCode);
        // Over the REST body limit (1 MiB): refused before it is read whole.
        var oversized = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("pipelines:\n" + new string('#', 2 * 1024 * 1024))));
        // The client waits for the server's word before sending (100-continue), so the early refusal is read, not a broken pipe.
        using var oversizedPost = new HttpRequestMessage(HttpMethod.Post, "/rest/pipelines/1.0/validate") { Content = oversized, Headers = { ExpectContinue = true } };
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await admin.SendAsync(oversizedPost, Ct)).StatusCode);
    }

    private static object Custom(string name, params (string Key, string Value)[] variables) => new
    {
        target = new { ref_type = "branch", ref_name = "main", selector = new { type = "custom", pattern = name } },
        variables = variables.Select(v => new { key = v.Key, value = v.Value }).ToArray(),
    };

    private static StringContent Body(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
