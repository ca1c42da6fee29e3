using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>Pull requests follow their branches: rescoped on push, merged when the target takes them in, declined when a branch goes.</summary>
public sealed class PullRequestRescopingTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_push_to_the_source_rescopes_the_pull_request(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRR", "source", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);

        var second = await repo.PushAsync("feature", "second change", Ct);

        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(second, pr.GetProperty("fromRef").GetProperty("latestCommit").GetString());
        Assert.Equal(repo.MainHead, pr.GetProperty("toRef").GetProperty("latestCommit").GetString());
        Assert.Equal(1, pr.GetProperty("version").GetInt32());
        Assert.Equal("OPEN", pr.GetProperty("state").GetString());

        var activities = await (await admin.GetAsync(repo.PullRequests + "/1/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var rescoped = activities.GetProperty("values").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "RESCOPED");
        Assert.Equal(second, rescoped.GetProperty("fromHash").GetString());
        Assert.Equal(repo.FeatureHead, rescoped.GetProperty("previousFromHash").GetString());
        Assert.Equal(repo.MainHead, rescoped.GetProperty("toHash").GetString());
        Assert.Equal(repo.MainHead, rescoped.GetProperty("previousToHash").GetString());
        Assert.Equal(1, rescoped.GetProperty("added").GetProperty("total").GetInt32());
        Assert.Equal(second, rescoped.GetProperty("added").GetProperty("commits")[0].GetProperty("id").GetString());
        Assert.Equal(0, rescoped.GetProperty("removed").GetProperty("total").GetInt32());
        Assert.Equal("admin", rescoped.GetProperty("user").GetProperty("name").GetString());

        var updated = JsonDocument.Parse(Assert.Single(await PullRequestLifecycleTests.EventsAsync(server, "pr:from_ref_updated", "source"))).RootElement;
        Assert.Equal(repo.FeatureHead, updated.GetProperty("previousFromHash").GetString());
        Assert.Equal(second, updated.GetProperty("pullRequest").GetProperty("fromRef").GetProperty("latestCommit").GetString());
        Assert.Equal("admin", updated.GetProperty("actor").GetProperty("name").GetString());
        Assert.Empty(await PullRequestLifecycleTests.EventsAsync(server, "pr:to_ref_updated", "source"));

        // CI fetches the pull request's head by its hidden ref.
        await repo.Tree.GitAsync(Ct, "fetch", "--quiet", repo.Url, "+refs/pull-requests/1/from:refs/remotes/pr/1");
        Assert.Equal(second, (await repo.Tree.GitAsync(Ct, "rev-parse", "refs/remotes/pr/1")).StandardOutput.Trim());

        var diff = await (await admin.GetAsync(repo.PullRequests + "/1/diff", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(second, diff.GetProperty("toHash").GetString());
        Assert.Equal(2, diff.GetProperty("diffs").GetArrayLength());
    }

    [Fact]
    public async Task A_push_to_the_target_updates_the_target_hash_and_says_so()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRR", "target", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);

        var mainHead = await repo.PushAsync("main", "target moves", Ct, file: "other.txt");

        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(mainHead, pr.GetProperty("toRef").GetProperty("latestCommit").GetString());
        Assert.Equal(repo.FeatureHead, pr.GetProperty("fromRef").GetProperty("latestCommit").GetString());
        Assert.Equal("OPEN", pr.GetProperty("state").GetString());
        var updated = JsonDocument.Parse(Assert.Single(await PullRequestLifecycleTests.EventsAsync(server, "pr:to_ref_updated", "target"))).RootElement;
        Assert.Equal(repo.MainHead, updated.GetProperty("previousToHash").GetString());
        Assert.Empty(await PullRequestLifecycleTests.EventsAsync(server, "pr:from_ref_updated", "target"));
        var mergeBase = await (await admin.GetAsync(repo.PullRequests + "/1/merge-base", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(repo.MainHead, mergeBase.GetProperty("id").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Merging_the_source_outside_and_pushing_the_target_marks_the_pull_request_merged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRR", "outside", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);

        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "main");
        (await repo.Tree.GitAsync(Ct, "merge", "--quiet", "--no-ff", "-m", "Merge feature", "feature")).EnsureSuccess();
        (await repo.Tree.GitAsync(Ct, "push", "--quiet", repo.Url, "main")).EnsureSuccess();

        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("MERGED", pr.GetProperty("state").GetString());
        Assert.True(pr.GetProperty("closed").GetBoolean());
        Assert.True(pr.TryGetProperty("closedDate", out _));
        var activities = await (await admin.GetAsync(repo.PullRequests + "/1/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("MERGED", activities.GetProperty("values")[0].GetProperty("action").GetString());
        var merged = JsonDocument.Parse(Assert.Single(await PullRequestLifecycleTests.EventsAsync(server, "pr:merged", "outside"))).RootElement;
        Assert.Equal("MERGED", merged.GetProperty("pullRequest").GetProperty("state").GetString());
        // The diff still shows what the pull request brought.
        var diff = await (await admin.GetAsync(repo.PullRequests + "/1/diff", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Single(diff.GetProperty("diffs").EnumerateArray());
    }

    [Fact]
    public async Task Deleting_the_source_branch_declines_the_pull_request()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRR", "deleted", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);

        using var deleted = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/rest/branch-utils/1.0/projects/{repo.Key}/repos/{repo.Slug}/branches")
        {
            Content = JsonContent.Create(new { name = "feature" }),
        }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("DECLINED", pr.GetProperty("state").GetString());
        Assert.Equal(repo.FeatureHead, pr.GetProperty("fromRef").GetProperty("latestCommit").GetString());
        Assert.Single(await PullRequestLifecycleTests.EventsAsync(server, "pr:declined", "deleted"));
    }

    [Fact]
    public async Task A_force_push_that_drops_commits_lists_them_as_removed()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "PRR", "force", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);

        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "-B", "feature", repo.MainHead);
        await repo.Tree.WriteAsync("src/redo.txt", "again\n");
        var redo = await repo.Tree.CommitAsync("redo", Ct);
        (await repo.Tree.GitAsync(Ct, "push", "--quiet", "--force", repo.Url, "feature")).EnsureSuccess();

        var activities = await (await admin.GetAsync(repo.PullRequests + "/1/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var rescoped = activities.GetProperty("values")[0];
        Assert.Equal("RESCOPED", rescoped.GetProperty("action").GetString());
        Assert.Equal(redo, rescoped.GetProperty("added").GetProperty("commits")[0].GetProperty("id").GetString());
        Assert.Equal(repo.FeatureHead, rescoped.GetProperty("removed").GetProperty("commits")[0].GetProperty("id").GetString());
        Assert.Equal(1, rescoped.GetProperty("removed").GetProperty("total").GetInt32());
    }
}
