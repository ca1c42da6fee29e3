using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>The lists that follow a person (dashboard, inbox) and a commit, never showing what the caller cannot read.</summary>
public sealed class PullRequestDashboardTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task The_dashboard_lists_a_users_pull_requests_by_role_status_and_state(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "dash-" + provider;
        using var repo = await PullRequestRepo.CreateAsync(server, "DASH", "board", Ct);
        await server.CreateUserAsync(user, Ct);
        await server.GrantRepositoryAsync("DASH", "board", user, "REPO_WRITE", Ct);
        using var admin = server.AdminClient();
        using var client = server.Client(user);
        await repo.PushAsync("mine", "mine", Ct);
        await repo.PushAsync("theirs", "theirs", Ct);
        await repo.OpenAsync(admin, Ct, reviewers: [user]);
        await repo.OpenAsync(client, Ct, from: "mine", title: "Mine");
        await repo.OpenAsync(admin, Ct, from: "theirs", title: "Not mine");
        await (await client.PostAsync(repo.PullRequests + "/1/approve", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await client.PostAsync(repo.PullRequests + "/2/decline?version=0", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        async Task<List<long>> IdsAsync(HttpClient caller, string query) =>
            (await (await caller.GetAsync("/rest/api/1.0/dashboard/pull-requests" + query, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).Values().EnumerateArray()
                .Where(p => p.GetProperty("toRef").GetProperty("repository").GetProperty("slug").GetString() == "board")
                .Select(p => p.GetProperty("id").GetInt64()).ToList();

        Assert.Equal([2L, 1L], await IdsAsync(client, ""));
        Assert.Equal([2L], await IdsAsync(client, "?role=AUTHOR"));
        Assert.Equal([1L], await IdsAsync(client, "?role=REVIEWER&participantStatus=APPROVED,NEEDS_WORK"));
        Assert.Equal([1L], await IdsAsync(client, "?state=OPEN"));
        Assert.Equal([2L], await IdsAsync(client, "?closedSince=3600"));
        Assert.Equal([1L, 2L], await IdsAsync(client, "?order=OLDEST"));
        Assert.Equal([3L, 1L], await IdsAsync(admin, ""));
        Assert.Equal([2L, 1L], await IdsAsync(admin, $"?user={user}"));
        await (await client.GetAsync("/rest/api/1.0/dashboard/pull-requests?role=BOSS", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await server.Client().GetAsync("/rest/api/1.0/dashboard/pull-requests", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task The_inbox_holds_open_pull_requests_waiting_for_the_callers_review_and_hides_unreadable_ones(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reviewer = "inbox-" + provider;
        using var readable = await PullRequestRepo.CreateAsync(server, "INBOX", "readable", Ct);
        using var hidden = await PullRequestRepo.CreateAsync(server, "INBOX", "hidden", Ct);
        await server.CreateUserAsync(reviewer, Ct);
        await server.GrantRepositoryAsync("INBOX", "readable", reviewer, "REPO_READ", Ct);
        await server.GrantRepositoryAsync("INBOX", "hidden", reviewer, "REPO_READ", Ct);
        using var admin = server.AdminClient();
        using var client = server.Client(reviewer);
        await readable.PushAsync("second", "second", Ct);
        await readable.OpenAsync(admin, Ct, reviewers: [reviewer]);
        await readable.OpenAsync(admin, Ct, from: "second", reviewers: [reviewer]);
        await hidden.OpenAsync(admin, Ct, reviewers: [reviewer]);
        await (await client.PostAsync(readable.PullRequests + "/2/approve", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync($"/rest/api/1.0/projects/INBOX/repos/hidden/permissions/users?name={reviewer}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        var inbox = await (await client.GetAsync("/rest/api/1.0/inbox/pull-requests", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var count = await (await client.GetAsync("/rest/api/1.0/inbox/pull-requests/count", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var only = Assert.Single(inbox.Values().EnumerateArray());
        Assert.Equal(1, only.GetProperty("id").GetInt64());
        Assert.Equal("readable", only.GetProperty("toRef").GetProperty("repository").GetProperty("slug").GetString());
        Assert.Equal(1, count.GetProperty("count").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task A_commit_lists_the_pull_requests_that_contain_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "COMMITPR", "contains", Ct);
        using var admin = server.AdminClient();
        var other = await repo.PushAsync("other", "other", Ct);
        await repo.OpenAsync(admin, Ct);
        await repo.OpenAsync(admin, Ct, from: "other");

        async Task<List<long>> IdsAsync(string commit) =>
            (await (await admin.GetAsync($"{repo.Api}/commits/{commit}/pull-requests", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).Values().EnumerateArray()
                .Select(p => p.GetProperty("id").GetInt64()).ToList();

        Assert.Equal([1L], await IdsAsync(repo.FeatureHead));
        Assert.Equal([2L], await IdsAsync(other));
        Assert.Empty(await IdsAsync(repo.MainHead));
        await (await admin.GetAsync($"{repo.Api}/commits/{new string('a', 40)}/pull-requests", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync($"{repo.Api}/commits/--all/pull-requests", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
    }
}
