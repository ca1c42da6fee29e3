using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Builds;

/// <summary>Build statuses on commits: the repository API, the legacy global API, upserts and bad input.</summary>
public sealed class BuildStatusTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_reader_posts_a_status_and_the_same_key_replaces_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "BLD", "upsert-" + provider.ToString().ToLowerInvariant(), Ct);
        var bot = "ci-" + provider;
        await server.CreateUserAsync(bot, Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, bot, "REPO_READ", Ct);
        using var ci = server.Client(bot);
        var builds = $"{repo.Api}/commits/{repo.FeatureHead}/builds";

        await (await ci.PostAsJsonAsync(builds, new
        {
            key = "ci", state = "INPROGRESS", url = "https://ci.example.com/1", name = "Build", description = "#1",
            buildNumber = "1", @ref = "refs/heads/feature", duration = 10, testResults = new { successful = 3, failed = 1, skipped = 0 },
        }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await ci.PostAsJsonAsync(builds, new { key = "ci", state = "SUCCESSFUL", url = "https://ci.example.com/2" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await ci.PostAsJsonAsync(builds, new { key = "lint", state = "FAILED", url = "https://ci.example.com/3" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        var one = await (await ci.GetAsync(builds + "?key=ci", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var all = await (await ci.GetAsync(builds, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("SUCCESSFUL", one.GetProperty("state").GetString());
        Assert.Equal("https://ci.example.com/2", one.GetProperty("url").GetString());
        Assert.False(one.TryGetProperty("testResults", out var results) && results.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.Equal(2, all.Values().GetArrayLength());

        var stats = await (await ci.GetAsync($"/rest/build-status/1.0/commits/stats/{repo.FeatureHead}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(1, stats.GetProperty("successful").GetInt32());
        Assert.Equal(1, stats.GetProperty("failed").GetInt32());

        await (await ci.DeleteAsync(builds + "?key=ci", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        using var admin = server.AdminClient();
        await (await admin.DeleteAsync(builds + "?key=ci", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.GetAsync(builds + "?key=ci", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [InlineData("{\"key\":\"k\",\"state\":\"MAYBE\",\"url\":\"https://ci/1\"}", "state")]
    [InlineData("{\"key\":\"k\",\"url\":\"https://ci/1\"}", "state")]
    [InlineData("{\"state\":\"SUCCESSFUL\",\"url\":\"https://ci/1\"}", "key")]
    [InlineData("{\"key\":\"k\",\"state\":\"SUCCESSFUL\"}", "url")]
    [InlineData("{\"key\":\"k\",\"state\":\"SUCCESSFUL\",\"url\":\"not a url\"}", "url")]
    [InlineData("{\"key\":\"k\",\"state\":\"SUCCESSFUL\",\"url\":\"https://ci/1\",\"duration\":-1}", "testResults")]
    public async Task Invalid_statuses_are_rejected_naming_the_field(string json, string field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "BLD", "invalid-" + Guid.NewGuid().ToString("N")[..8], Ct);
        using var admin = server.AdminClient();

        var error = await (await admin.PostAsync($"{repo.Api}/commits/{repo.FeatureHead}/builds", new StringContent(json, Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(field, error.GetProperty("errors")[0].GetProperty("context").GetString());
    }

    [Fact]
    public async Task Malformed_oversized_and_misdirected_posts_are_rejected_and_nothing_is_written()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "BLD", "bad", Ct);
        using var admin = server.AdminClient();
        var builds = $"{repo.Api}/commits/{repo.FeatureHead}/builds";

        await (await admin.PostAsync(builds, new StringContent("{\"key\":", Encoding.UTF8, "application/json"), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var longKey = await (await admin.PostAsJsonAsync(builds, new { key = new string('k', 256), state = "SUCCESSFUL", url = "https://ci/1" }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var longUrl = await (await admin.PostAsJsonAsync(builds, new { key = "k", state = "SUCCESSFUL", url = "https://ci/" + new string('u', 450) }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var unknownCommit = await (await admin.PostAsJsonAsync($"{repo.Api}/commits/{new string('a', 40)}/builds", new { key = "k", state = "SUCCESSFUL", url = "https://ci/1" }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var shortSha = await (await admin.PostAsJsonAsync($"{repo.Api}/commits/{repo.FeatureHead[..7]}/builds", new { key = "k", state = "SUCCESSFUL", url = "https://ci/1" }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var noKey = await (await admin.GetAsync(builds + "?key=", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal("key", longKey.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("url", longUrl.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Contains("does not exist", unknownCommit.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Contains("full commit id", shortSha.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("key", noKey.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal(0, (await (await admin.GetAsync(builds, Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).Values().GetArrayLength());
    }

    [Fact]
    public async Task Legacy_statuses_attach_to_the_commit_everywhere_and_count_in_stats()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "BLD", "legacy", Ct);
        using var admin = server.AdminClient();
        using var anonymous = server.Client();
        // Statuses are keyed by commit id across repositories and other tests build the same commits,
        // so this test builds commits of its own.
        var built = await repo.PushAsync("main", "legacy build " + Guid.NewGuid(), Ct);
        var neverBuilt = await repo.PushAsync("other", "never built " + Guid.NewGuid(), Ct);
        var legacy = "/rest/build-status/1.0/commits/" + built;

        await (await anonymous.PostAsJsonAsync(legacy, new { key = "j", state = "SUCCESSFUL", url = "https://ci/1" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await admin.PostAsJsonAsync(legacy, new { key = "j", state = "FAILED", url = "https://ci/1" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.PostAsJsonAsync(legacy, new { key = "j", state = "SUCCESSFUL", url = "https://ci/2", name = "Jenkins" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.PostAsJsonAsync(legacy, new { key = "k", state = "INPROGRESS", url = "https://ci/3" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        var page = await (await admin.GetAsync(legacy + "?orderBy=OLDEST", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var inRepo = await (await admin.GetAsync($"{repo.Api}/commits/{built}/builds", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var stats = await (await admin.GetAsync($"/rest/build-status/1.0/commits/stats/{built}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var bulk = await (await admin.PostAsJsonAsync("/rest/build-status/1.0/commits/stats", new[] { built, neverBuilt }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var badOrder = await (await admin.GetAsync(legacy + "?orderBy=SIDEWAYS", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var tooMany = await (await admin.PostAsJsonAsync("/rest/build-status/1.0/commits/stats", Enumerable.Repeat(built, 101).ToArray(), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(2, page.Values().GetArrayLength());
        var jenkins = page.Values().EnumerateArray().Single(v => v.GetProperty("key").GetString() == "j");
        Assert.Equal("Jenkins", jenkins.GetProperty("name").GetString());
        Assert.Equal("SUCCESSFUL", jenkins.GetProperty("state").GetString());
        Assert.True(jenkins.GetProperty("dateAdded").GetInt64() > 0);
        Assert.Equal(2, inRepo.Values().GetArrayLength());
        Assert.Equal(1, stats.GetProperty("successful").GetInt32());
        Assert.Equal(1, stats.GetProperty("inProgress").GetInt32());
        Assert.Equal(0, stats.GetProperty("failed").GetInt32());
        Assert.True(bulk.TryGetProperty(built, out _));
        Assert.False(bulk.TryGetProperty(neverBuilt, out _));
        Assert.Equal("orderBy", badOrder.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("commitIds", tooMany.GetProperty("errors")[0].GetProperty("context").GetString());
    }
}
