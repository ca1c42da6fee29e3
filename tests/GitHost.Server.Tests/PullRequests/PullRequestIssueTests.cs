using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>
/// <c>GET /rest/jira/1.0/.../pull-requests/{id}/issues</c>: Jira-style keys from the title, the source
/// branch name and the commits pushed with the real git client.
/// </summary>
public sealed class PullRequestIssueTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Keys_come_from_the_title_the_branch_and_the_commits_in_that_order(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "JIR", "keys", Ct);
        using var admin = server.AdminClient();
        await repo.PushAsync("bug/ABC-12-login", "Fix UI-77 and ABC-12, not abc-5, xABC-8 or ABC-", Ct);
        await repo.PushAsync("bug/ABC-12-login", "XY_9-3: follow-up (PROJ-1 again)", Ct, file: "src/two.txt");
        await repo.PushAsync("main", "Unrelated MAIN-1", Ct, file: "src/main.txt");
        await repo.OpenAsync(admin, Ct, from: "bug/ABC-12-login", title: "PROJ-1: log in");

        var issues = await (await admin.GetAsync(Issues(repo, 1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var latest = await (await admin.GetAsync(Issues(repo, 1, "latest"), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(["PROJ-1", "ABC-12", "XY_9-3", "UI-77"], Keys(issues));
        Assert.All(issues.EnumerateArray(), i => Assert.False(i.TryGetProperty("url", out _)));
        Assert.Equal(Keys(issues), Keys(latest));
    }

    [Fact]
    public async Task A_configured_jira_gives_each_key_its_browse_address()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct,
            new Dictionary<string, string?> { ["GitHost:Jira:BaseUrl"] = "https://jira.example.com/" });
        using var repo = await PullRequestRepo.CreateAsync(server, "JIU", "url", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct, title: "OPS-42 tidy");

        var issues = await (await admin.GetAsync(Issues(repo, 1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var issue = Assert.Single(issues.EnumerateArray());
        Assert.Equal("OPS-42", issue.GetProperty("key").GetString());
        Assert.Equal("https://jira.example.com/browse/OPS-42", issue.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("ftp://jira.example.com")]
    [InlineData("jira.example.com")]
    [InlineData("https://jira.example.com/?x=1")]
    public async Task A_jira_base_url_that_is_not_an_http_address_stops_the_start(string baseUrl)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct,
                new Dictionary<string, string?> { ["GitHost:Jira:BaseUrl"] = baseUrl });
        });

        Assert.Contains("GitHost:Jira:BaseUrl", failure.ToString());
    }

    [Fact]
    public async Task Hidden_missing_and_malformed_pull_requests_are_not_found()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "JIH", "hidden", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct, title: "SEC-1 secret");
        await server.CreateUserAsync("jih-stranger", Ct);
        using var stranger = server.Client("jih-stranger");
        using var anonymous = server.Client();

        var hidden = await (await stranger.GetAsync(Issues(repo, 1), Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await anonymous.GetAsync(Issues(repo, 1), Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await admin.GetAsync(Issues(repo, 2), Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        foreach (var id in new[] { "abc", "1;2", "%2e%2e", "99999999999999999999999" })
        {
            var path = Issues(repo, 1).Replace("/pull-requests/1/", $"/pull-requests/{id}/", StringComparison.Ordinal);
            await (await admin.GetAsync(path, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        }

        Assert.DoesNotContain("SEC-1", hidden.ToString());
    }

    private static string Issues(PullRequestRepo repo, long number, string version = "1.0") =>
        $"/rest/jira/{version}/projects/{repo.Key}/repos/{repo.Slug}/pull-requests/{number}/issues";

    private static List<string> Keys(JsonElement issues) => issues.EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToList();
}
