using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.Merges;

/// <summary><c>autoMerge: true</c> and <c>.../auto-merge</c>: the pull request merges itself once every check passes.</summary>
public sealed class AutoMergeTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Auto_merge_fires_when_the_build_turns_green(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "AMG", "green", Ct);
        using var admin = server.AdminClient();
        await repo.SetAsync(admin, new { requiredSuccessfulBuilds = new { enabled = true, count = 1 } }, Ct);
        await repo.OpenAsync(admin, Ct);
        var builds = $"{repo.Api}/commits/{repo.FeatureHead}/builds";

        var armed = await (await repo.SendMergeAsync(admin, 1, 0, Ct, new { autoMerge = true, strategyId = "no-ff" })).ExpectAsync(HttpStatusCode.OK, Ct);
        var request = await (await admin.GetAsync(repo.PullRequests + "/1/auto-merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync(builds, new { key = "ci", state = "INPROGRESS", url = "https://ci.example.com/1" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var waiting = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync(builds, new { key = "ci", state = "SUCCESSFUL", url = "https://ci.example.com/1" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var merged = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("OPEN", armed.GetProperty("state").GetString());
        Assert.Equal(repo.FeatureHead, request.GetProperty("fromHash").GetString());
        Assert.Equal("refs/heads/main", request.GetProperty("toRefId").GetString());
        Assert.Equal("OPEN", waiting.GetProperty("state").GetString());
        Assert.Equal("MERGED", merged.GetProperty("state").GetString());
        Assert.Equal(await repo.ServerHeadAsync("main", Ct), merged.GetProperty("properties").GetProperty("mergeCommit").GetProperty("id").GetString());
        await (await admin.GetAsync(repo.PullRequests + "/1/auto-merge", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
    }

    [Fact]
    public async Task Auto_merge_fires_when_the_last_reviewer_approves()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "AMA", "approve", Ct);
        await server.CreateUserAsync("ama-reviewer", Ct);
        await server.GrantRepositoryAsync("AMA", "approve", "ama-reviewer", "REPO_READ", Ct);
        using var admin = server.AdminClient();
        using var reviewer = server.Client("ama-reviewer");
        await repo.SetAsync(admin, new { requiredApprovers = new { enabled = true, count = 1 } }, Ct);
        await repo.OpenAsync(admin, Ct, reviewers: ["ama-reviewer"]);

        var armed = await (await repo.SendMergeAsync(admin, 1, 0, Ct, new { autoMerge = true })).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await reviewer.PutAsJsonAsync(repo.PullRequests + "/1/participants/ama-reviewer", new { status = "APPROVED" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var merged = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("OPEN", armed.GetProperty("state").GetString());
        Assert.Equal("MERGED", merged.GetProperty("state").GetString());
        Assert.Equal(await repo.ServerHeadAsync("main", Ct), merged.GetProperty("properties").GetProperty("mergeCommit").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Auto_merge_can_be_cancelled_and_a_source_push_cancels_it()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "AMC", "cancel", Ct);
        using var admin = server.AdminClient();
        await repo.SetAsync(admin, new { requiredSuccessfulBuilds = new { enabled = true, count = 1 } }, Ct);
        await repo.OpenAsync(admin, Ct);

        await (await repo.SendMergeAsync(admin, 1, 0, Ct, new { autoMerge = true })).ExpectAsync(HttpStatusCode.OK, Ct);
        var tried = await (await admin.PostAsync(repo.PullRequests + "/1/auto-merge", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        (await admin.DeleteAsync(repo.PullRequests + "/1/auto-merge", Ct)).EnsureSuccessStatusCode();
        await (await admin.GetAsync(repo.PullRequests + "/1/auto-merge", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var notRequested = await (await admin.PostAsync(repo.PullRequests + "/1/auto-merge", null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await repo.SendMergeAsync(admin, 1, 0, Ct, new { autoMerge = true })).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.PushAsync("feature", "more work", Ct);

        Assert.Equal("VETOED", tried.GetProperty("autoMergeProcessingStatus").GetString());
        Assert.Equal("OPEN", tried.GetProperty("pullRequest").GetProperty("state").GetString());
        Assert.NotNull(notRequested.ErrorName());
        await (await admin.GetAsync(repo.PullRequests + "/1/auto-merge", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var activities = await (await admin.GetAsync(repo.PullRequests + "/1/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Contains(activities.GetProperty("values").EnumerateArray(), a => a.GetProperty("action").GetString() == "AUTO_MERGE_CANCELLED");
    }
}
