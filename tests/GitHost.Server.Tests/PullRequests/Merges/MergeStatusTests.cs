using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.Merges;

/// <summary><c>GET .../merge</c>: conflicts found in memory, and the bundled merge checks' vetoes.</summary>
public sealed class MergeStatusTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_clean_pull_request_with_no_checks_can_merge(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "MSC", "clean", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);

        var status = await (await admin.GetAsync(repo.PullRequests + "/1/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.True(status.GetProperty("canMerge").GetBoolean());
        Assert.False(status.GetProperty("conflicted").GetBoolean());
        Assert.Equal("CLEAN", status.GetProperty("outcome").GetString());
        Assert.Empty(status.GetProperty("vetoes").EnumerateArray());
    }

    [Theory]
    [AllDatabases]
    public async Task Conflicting_changes_are_reported_with_the_files_that_conflict(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "MSX", "conflict", Ct);
        using var admin = server.AdminClient();
        await repo.PushAsync("main", "a different second line", Ct, file: "src/app.txt");
        await repo.OpenAsync(admin, Ct);

        var status = await (await admin.GetAsync(repo.PullRequests + "/1/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.False(status.GetProperty("canMerge").GetBoolean());
        Assert.True(status.GetProperty("conflicted").GetBoolean());
        Assert.Equal("CONFLICTED", status.GetProperty("outcome").GetString());
        var veto = Assert.Single(status.GetProperty("vetoes").EnumerateArray());
        Assert.Contains("src/app.txt", veto.GetProperty("detailedMessage").GetString());
        Assert.False(string.IsNullOrEmpty(veto.GetProperty("summaryMessage").GetString()));
    }

    [Theory]
    [AllDatabases]
    public async Task Missing_approvals_and_needs_work_veto_until_reviewers_approve(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "MSA", "approvals", Ct);
        await server.CreateUserAsync("ms-reviewer", Ct);
        await server.GrantRepositoryAsync("MSA", "approvals", "ms-reviewer", "REPO_READ", Ct);
        using var admin = server.AdminClient();
        using var reviewer = server.Client("ms-reviewer");
        await (await admin.PostAsJsonAsync(repo.Api + "/settings/pull-requests",
            new { requiredApprovers = new { enabled = true, count = 1 }, requiredAllApprovers = true }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.OpenAsync(admin, Ct, reviewers: ["ms-reviewer"]);
        var participant = repo.PullRequests + "/1/participants/ms-reviewer";

        var waiting = await (await admin.GetAsync(repo.PullRequests + "/1/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await reviewer.PutAsJsonAsync(participant, new { status = "NEEDS_WORK" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var needsWork = await (await admin.GetAsync(repo.PullRequests + "/1/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await reviewer.PutAsJsonAsync(participant, new { status = "APPROVED" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var approved = await (await admin.GetAsync(repo.PullRequests + "/1/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.False(waiting.GetProperty("canMerge").GetBoolean());
        Assert.Equal(2, waiting.GetProperty("vetoes").GetArrayLength());
        Assert.Contains(needsWork.GetProperty("vetoes").EnumerateArray(), v => v.GetProperty("summaryMessage").GetString() == "Needs work");
        Assert.True(approved.GetProperty("canMerge").GetBoolean());
        Assert.Empty(approved.GetProperty("vetoes").EnumerateArray());
    }

    [Theory]
    [AllDatabases]
    public async Task Open_tasks_veto_when_the_setting_asks_and_merging_is_refused_until_they_are_resolved(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "MST", "tasks", Ct);
        using var admin = server.AdminClient();
        var pr = await repo.OpenAsync(admin, Ct);
        var task = await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/blocker-comments", new { text = "Add a test" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var taskUrl = $"{repo.PullRequests}/1/blocker-comments/{task.GetProperty("id").GetInt64()}";

        var notAsked = await (await admin.GetAsync(repo.PullRequests + "/1/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync(repo.Api + "/settings/pull-requests", new { requiredAllTasksComplete = true }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var open = await (await admin.GetAsync(repo.PullRequests + "/1/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var refused = await admin.PostAsync(repo.PullRequests + "/1/merge?version=" + pr.GetProperty("version").GetInt32(), null, Ct);
        var refusal = await refused.ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await admin.PutAsJsonAsync(taskUrl, new { state = "RESOLVED", version = 0 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var resolved = await (await admin.GetAsync(repo.PullRequests + "/1/merge", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.True(notAsked.GetProperty("canMerge").GetBoolean());
        Assert.False(open.GetProperty("canMerge").GetBoolean());
        var veto = Assert.Single(open.GetProperty("vetoes").EnumerateArray());
        Assert.Equal("Unresolved tasks", veto.GetProperty("summaryMessage").GetString());
        Assert.Contains("1 open task", veto.GetProperty("detailedMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("Unresolved tasks", refusal.GetRawText(), StringComparison.Ordinal);
        Assert.True(resolved.GetProperty("canMerge").GetBoolean());
        Assert.Equal("OPEN", (await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("state").GetString());
    }
}
