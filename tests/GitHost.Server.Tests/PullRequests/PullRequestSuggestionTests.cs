using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>
/// <c>GET /rest/api/1.0/dashboard/pull-request-suggestions</c>: branches the caller pushed with the
/// real git client that have no open pull request, newest first, only in repositories still readable.
/// </summary>
public sealed class PullRequestSuggestionTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Suggestions = "/rest/api/1.0/dashboard/pull-request-suggestions";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Pushed_branches_without_an_open_pull_request_are_suggested_newest_first(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("sug-pusher-" + provider, Ct);
        var pusher = "sug-pusher-" + provider;
        using var repo = await PullRequestRepo.CreateAsync(server, "SUG" + (provider == DatabaseProvider.Sqlite ? "S" : "P"), "sug", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, pusher, "REPO_WRITE", Ct);
        using var client = server.Client(pusher);
        var url = server.CloneUrl(repo.Key, repo.Slug, pusher);
        await repo.Tree.GitAsync(Ct, "push", "--quiet", url, "feature:refs/heads/first");
        var topic = await repo.PushAsync("topic", "topic work", Ct);
        await repo.Tree.GitAsync(Ct, "push", "--quiet", url, "topic:refs/heads/second");
        await repo.Tree.GitAsync(Ct, "push", "--quiet", url, "feature:refs/heads/gone");
        await repo.Tree.GitAsync(Ct, "push", "--quiet", url, ":refs/heads/gone");

        var page = await (await client.GetAsync(Suggestions, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(["second", "first"], Branches(page));
        Assert.True(page.GetProperty("isLastPage").GetBoolean());
        var newest = page.GetProperty("values")[0];
        Assert.Equal("refs/heads/second", newest.GetProperty("fromRef").GetProperty("id").GetString());
        Assert.Equal("BRANCH", newest.GetProperty("fromRef").GetProperty("type").GetString());
        Assert.Equal("refs/heads/main", newest.GetProperty("toRef").GetProperty("id").GetString());
        Assert.Equal("main", newest.GetProperty("toRef").GetProperty("displayId").GetString());
        Assert.Equal(topic, newest.GetProperty("refChange").GetProperty("toHash").GetString());
        Assert.Equal(new string('0', 40), newest.GetProperty("refChange").GetProperty("fromHash").GetString());
        Assert.Equal("ADD", newest.GetProperty("refChange").GetProperty("type").GetString());
        Assert.Equal(repo.Slug, newest.GetProperty("repository").GetProperty("slug").GetString());
        Assert.Equal(repo.Key, newest.GetProperty("repository").GetProperty("project").GetProperty("key").GetString());
        var age = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - newest.GetProperty("changeTime").GetInt64();
        Assert.InRange(age, 0, 600_000);

        var limited = await (await client.GetAsync(Suggestions + "?limit=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["second"], Branches(limited));
        var none = await (await client.GetAsync(Suggestions + "?changesSince=0", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Empty(Branches(none));
        // The admin pushed main and feature when the repository was made: none of that is this user's.
        using var admin = server.AdminClient();
        var adminPage = await (await admin.GetAsync(Suggestions, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.DoesNotContain("second", Branches(adminPage));
        Assert.Contains("feature", Branches(adminPage));
        Assert.DoesNotContain("main", Branches(adminPage));

        await repo.OpenAsync(client, Ct, from: "second");
        var afterOpen = await (await client.GetAsync(Suggestions, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["first"], Branches(afterOpen));
    }

    [Theory]
    [AllDatabases]
    public async Task A_branch_in_a_repository_the_caller_can_no_longer_read_is_not_suggested(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var pusher = "sug-revoked-" + provider;
        await server.CreateUserAsync(pusher, Ct);
        using var repo = await PullRequestRepo.CreateAsync(server, "SUR" + (provider == DatabaseProvider.Sqlite ? "S" : "P"), "revoked", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, pusher, "REPO_WRITE", Ct);
        using var client = server.Client(pusher);
        await repo.Tree.GitAsync(Ct, "push", "--quiet", server.CloneUrl(repo.Key, repo.Slug, pusher), "feature:refs/heads/private-work");
        var before = await (await client.GetAsync(Suggestions, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        using var admin = server.AdminClient();
        var revoked = await admin.SendEmptyAsync(HttpMethod.Delete, $"{repo.Api}/permissions/users?name={pusher}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var after = await (await client.GetAsync(Suggestions, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(["private-work"], Branches(before));
        Assert.Empty(Branches(after));
    }

    [Theory]
    [InlineData("?changesSince=abc", "changesSince")]
    [InlineData("?changesSince=-5", "changesSince")]
    [InlineData("?changesSince=99999999999999999999999", "changesSince")]
    [InlineData("?changesSince=999999999", "changesSince")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=1%00", "limit")]
    [InlineData("?limit=99999999999", "limit")]
    public async Task Bad_parameters_are_bad_requests(string query, string context)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        var refused = await (await admin.GetAsync(Suggestions + query, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(context, refused.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.DoesNotContain("\0", refused.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    private static List<string> Branches(JsonElement page) =>
        page.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("fromRef").GetProperty("displayId").GetString()!).ToList();
}
