using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.Merges;

/// <summary>What a merge leaves behind and what stops one: versions, races, conflicts, vetoes, events, branches.</summary>
public sealed class MergeOutcomeTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_stale_or_missing_version_is_refused_and_nothing_moves(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "MOV", "stale", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);

        var stale = await (await repo.SendMergeAsync(admin, 1, 7, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var missing = await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/merge", new { }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal("com.atlassian.bitbucket.pull.PullRequestOutOfDateException", stale.ErrorName());
        Assert.Equal(0, stale.GetProperty("errors")[0].GetProperty("currentVersion").GetInt32());
        Assert.Equal(-1, missing.GetProperty("errors")[0].GetProperty("expectedVersion").GetInt32());
        Assert.Equal(repo.MainHead, await repo.ServerHeadAsync("main", Ct));
    }

    [Theory]
    [AllDatabases]
    public async Task Two_concurrent_merges_of_the_same_pull_request_one_wins(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "MOC", "race", Ct);
        using var admin = server.AdminClient();
        using var second = server.AdminClient();
        await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        await repo.OpenAsync(admin, Ct);

        var responses = await Task.WhenAll(repo.SendMergeAsync(admin, 1, 0, Ct), repo.SendMergeAsync(second, 1, 0, Ct));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var head = await repo.ServerHeadAsync("main", Ct);
        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(head, pr.GetProperty("properties").GetProperty("mergeCommit").GetProperty("id").GetString());
        var merged = await server.WithDatabaseAsync(db => db.PullRequestActivities.CountAsync(
            a => a.Action == Core.PullRequests.PullRequestAction.Merged && db.PullRequests.Any(p => p.Id == a.PullRequestId && p.RepositoryId == repo.Id), Ct));
        Assert.Equal(1, merged);
    }

    [Theory]
    [AllDatabases]
    public async Task A_push_racing_a_merge_leaves_one_consistent_history(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "MOP", "push", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "-B", "main", repo.MainHead);
        await repo.Tree.WriteAsync("src/racing.txt", "racing\n");
        var racing = await repo.Tree.CommitAsync("racing push", Ct);

        var merge = repo.SendMergeAsync(admin, 1, 0, Ct);
        var push = GitCli.RunAsync(repo.Tree.Path, ["push", "--quiet", repo.Url, "main"], Ct);
        var (merged, pushed) = (await merge, await push);

        var head = await repo.ServerHeadAsync("main", Ct);
        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        if (merged.StatusCode == HttpStatusCode.OK)
        {
            Assert.NotEqual(0, pushed.ExitCode);
            Assert.Equal(head, pr.GetProperty("properties").GetProperty("mergeCommit").GetProperty("id").GetString());
        }
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, merged.StatusCode);
            Assert.Equal(0, pushed.ExitCode);
            Assert.Equal(racing, head);
            Assert.Equal("OPEN", pr.GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task A_conflicted_pull_request_is_refused_with_the_vetoed_error()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "MOX", "conflict", Ct);
        using var admin = server.AdminClient();
        var main = await repo.PushAsync("main", "a different second line", Ct, file: "src/app.txt");
        await repo.OpenAsync(admin, Ct);

        var refused = await (await repo.SendMergeAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal("com.atlassian.bitbucket.pull.PullRequestMergeVetoedException", refused.ErrorName());
        Assert.True(refused.GetProperty("errors")[0].GetProperty("conflicted").GetBoolean());
        Assert.Equal(main, await repo.ServerHeadAsync("main", Ct));
    }

    [Fact]
    public async Task A_vetoed_pull_request_is_refused_until_the_check_passes()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "MOT", "vetoed", Ct);
        using var admin = server.AdminClient();
        await repo.SetAsync(admin, new { requiredSuccessfulBuilds = new { enabled = true, count = 1 } }, Ct);
        await repo.OpenAsync(admin, Ct);

        var refused = await (await repo.SendMergeAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await admin.PostAsJsonAsync($"{repo.Api}/commits/{repo.FeatureHead}/builds", new { key = "ci", state = "SUCCESSFUL", url = "https://ci.example.com/1" }, Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await repo.SendMergeAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("com.atlassian.bitbucket.pull.PullRequestMergeVetoedException", refused.ErrorName());
        Assert.False(refused.GetProperty("errors")[0].GetProperty("conflicted").GetBoolean());
        Assert.Equal("Not all required builds are successful yet",
            refused.GetProperty("errors")[0].GetProperty("vetoes")[0].GetProperty("summaryMessage").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Merging_records_the_activity_the_events_and_deletes_the_source_branch_when_asked(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "MOE", "events", Ct);
        using var admin = server.AdminClient();
        await repo.SetAsync(admin, new { deleteSourceBranch = true }, Ct);
        await repo.OpenAsync(admin, Ct);

        var merged = await (await repo.SendMergeAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var head = await repo.ServerHeadAsync("main", Ct);

        Assert.Null(await repo.ServerHeadAsync("feature", Ct));
        Assert.Equal(1, merged.GetProperty("version").GetInt32());
        var activities = await (await admin.GetAsync(repo.PullRequests + "/1/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var first = activities.GetProperty("values")[0];
        Assert.Equal("MERGED", first.GetProperty("action").GetString());
        Assert.Equal(head, first.GetProperty("commit").GetProperty("id").GetString());
        var keys = await server.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.EventKey, m.Payload }).ToListAsync(Ct));
        var prMerged = Assert.Single(keys, k => k.EventKey == "pr:merged" && k.Payload.Contains("\"MOE\"", StringComparison.Ordinal));
        Assert.Contains(head!, prMerged.Payload, StringComparison.Ordinal);
        Assert.Contains(keys, k => k.EventKey == "repo:refs_changed" && k.Payload.Contains(head!, StringComparison.Ordinal));
        Assert.Contains(keys, k => k.EventKey == "repo:refs_changed" && k.Payload.Contains("\"DELETE\"", StringComparison.Ordinal) && k.Payload.Contains("\"MOE\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approvals_are_reset_when_the_source_changes_if_the_repository_says_so()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "MOR", "reset", Ct);
        await server.CreateUserAsync("mor-reviewer", Ct);
        await server.GrantRepositoryAsync("MOR", "reset", "mor-reviewer", "REPO_READ", Ct);
        using var admin = server.AdminClient();
        using var reviewer = server.Client("mor-reviewer");
        await repo.SetAsync(admin, new { resetApprovalsOnSourceChange = true }, Ct);
        await repo.OpenAsync(admin, Ct, reviewers: ["mor-reviewer"]);
        await (await reviewer.PutAsJsonAsync(repo.PullRequests + "/1/participants/mor-reviewer", new { status = "APPROVED" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await repo.PushAsync("feature", "more work", Ct);

        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("UNAPPROVED", pr.GetProperty("reviewers")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_merge_ref_is_fetchable_while_mergeable_and_gone_once_merged()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "MOF", "mergeref", Ct);
        using var admin = server.AdminClient();
        var main = await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        await repo.OpenAsync(admin, Ct);
        await (await admin.GetAsync(repo.PullRequests + "/1/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await repo.Tree.GitAsync(Ct, "fetch", "--quiet", repo.Url, "+refs/pull-requests/1/merge:refs/remotes/origin/PR-1-merge");
        var merge = await repo.CommitAsync("refs/remotes/origin/PR-1-merge", Ct);
        await (await repo.SendMergeAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var gone = await GitCli.RunAsync(repo.Tree.Path, ["ls-remote", repo.Url, "refs/pull-requests/1/merge"], Ct);

        Assert.Equal([main, repo.FeatureHead], merge.Parents);
        Assert.Equal("one\n2\nthree\nfour\n", await repo.FileAsync("refs/remotes/origin/PR-1-merge", "src/app.txt", Ct));
        Assert.Equal("", gone.StandardOutput.Trim());
    }
}
