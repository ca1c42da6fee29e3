using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.ReviewerGroups;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary><c>/rest/jira/1.0/issues/{issueKey}/commits</c>: commits mentioning a key, in readable repositories only, as Bitbucket's RestChangeset page.</summary>
public sealed class IssueCommitTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Issue = "/rest/jira/1.0/issues/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<string> Messages(JsonElement page) =>
        page.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("toCommit").GetProperty("message").GetString()!).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [AllDatabases]
    public async Task Commits_mentioning_the_key_are_listed_from_readable_repositories_only(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        string root = "", feature = "";
        var a = await server.SeedRepositoryAsync("JIR", "alpha", async tree =>
        {
            await tree.WriteAsync("one.txt", "1\n");
            await tree.WriteAsync("two.txt", "2\n");
            root = await tree.CommitAsync("ABC-12 start", Ct);
            await tree.CommitAsync("Fix ABC-123 and XABC-12, not abc-12", Ct);
            await tree.GitAsync(Ct, "checkout", "--quiet", "-b", "feature");
            await tree.WriteAsync("one.txt", "one\n");
            feature = await tree.CommitAsync("More work\n\nRefs ABC-12.", Ct);
        }, Ct, "main", "feature");
        await server.SeedRepositoryAsync("JIR", "beta", tree => tree.CommitAsync("(ABC-12) in beta", Ct), Ct, "main");
        await server.SeedRepositoryAsync("JIS", "secret", tree => tree.CommitAsync("ABC-12 secret", Ct), Ct, "main");
        await server.CreateUserAsync("jir-reader", Ct);
        await server.CreateUserAsync("jir-none", Ct);
        await server.GrantAsync("/rest/api/1.0/projects/JIR", "jir-reader", "PROJECT_READ", Ct);
        using var admin = server.AdminClient();
        using var reader = server.Client("jir-reader");
        using var none = server.Client("jir-none");
        using var anonymous = server.Client();

        var asAdmin = await (await admin.GetAsync(Issue + "ABC-12/commits", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var asReader = await (await reader.GetAsync(Issue + "ABC-12/commits?maxChanges=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var asNone = await (await none.GetAsync(Issue + "ABC-12/commits", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var asAnonymous = await (await anonymous.GetAsync(Issue + "ABC-12/commits", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var paged = await (await reader.GetAsync("/rest/jira/latest/issues/ABC-12/commits?limit=2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var other = await (await admin.GetAsync(Issue + "ABC-123/commits?maxChanges=0", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var unknown = await (await admin.GetAsync(Issue + "NOPE-1/commits", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(["(ABC-12) in beta", "ABC-12 secret", "ABC-12 start", "More work\n\nRefs ABC-12."], Messages(asAdmin));
        Assert.Equal(["(ABC-12) in beta", "ABC-12 start", "More work\n\nRefs ABC-12."], Messages(asReader));
        Assert.Equal(0, asNone.GetProperty("size").GetInt32());
        Assert.Equal(0, asAnonymous.GetProperty("size").GetInt32());
        Assert.True(asReader.GetProperty("isLastPage").GetBoolean());
        var times = asReader.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("toCommit").GetProperty("committerTimestamp").GetInt64()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        var values = asReader.GetProperty("values").EnumerateArray().ToList();
        var start = values.Single(v => v.GetProperty("toCommit").GetProperty("id").GetString() == root);
        Assert.False(start.TryGetProperty("fromCommit", out _));
        Assert.Equal("alpha", start.GetProperty("repository").GetProperty("slug").GetString());
        Assert.Equal("JIR", start.GetProperty("repository").GetProperty("project").GetProperty("key").GetString());
        Assert.Equal(root[..11], start.GetProperty("toCommit").GetProperty("displayId").GetString());
        Assert.Equal(1, start.GetProperty("changes").GetProperty("size").GetInt32());
        Assert.False(start.GetProperty("changes").GetProperty("isLastPage").GetBoolean());
        Assert.EndsWith($"/projects/JIR/repos/alpha/commits/{root}", start.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString());
        var work = values.Single(v => v.GetProperty("toCommit").GetProperty("id").GetString() == feature);
        Assert.Equal(work.GetProperty("toCommit").GetProperty("parents")[0].GetProperty("id").GetString(), work.GetProperty("fromCommit").GetProperty("id").GetString());
        Assert.Equal("one.txt", work.GetProperty("changes").GetProperty("values")[0].GetProperty("path").GetProperty("toString").GetString());
        Assert.True(work.GetProperty("changes").GetProperty("isLastPage").GetBoolean());
        Assert.Equal(a.Id, work.GetProperty("repository").GetProperty("id").GetInt64());
        Assert.Equal(2, paged.GetProperty("size").GetInt32());
        Assert.Equal(2, paged.GetProperty("nextPageStart").GetInt32());
        Assert.Equal(["Fix ABC-123 and XABC-12, not abc-12"], Messages(other));
        Assert.Equal(0, other.GetProperty("values")[0].GetProperty("changes").GetProperty("size").GetInt32());
        Assert.Equal(0, unknown.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task The_search_stops_at_the_configured_repositories_and_commits()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:Jira:MaxSearchedRepositories"] = "2",
            ["GitHost:Jira:MaxIssueCommits"] = "2",
        });
        await server.SeedRepositoryAsync("JIB", "first", tree => tree.CommitAsync("KEY-7 first", Ct), Ct, "main");
        await server.SeedRepositoryAsync("JIB", "second", async tree =>
        {
            await tree.CommitAsync("KEY-7 second, older", Ct);
            await tree.CommitAsync("KEY-7 second, newer", Ct);
        }, Ct, "main");
        await server.SeedRepositoryAsync("JIB", "third", tree => tree.CommitAsync("KEY-7 third", Ct), Ct, "main");
        using var admin = server.AdminClient();

        var page = await (await admin.GetAsync(Issue + "KEY-7/commits", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(2, page.GetProperty("size").GetInt32());
        Assert.True(page.GetProperty("isLastPage").GetBoolean());
        var slugs = page.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("repository").GetProperty("slug").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["first", "second"], slugs);
        Assert.Contains("KEY-7 second, newer", Messages(page));
    }

    [Theory]
    [InlineData("abc-12", "issueKey")]
    [InlineData("ABC", "issueKey")]
    [InlineData("ABC-12x", "issueKey")]
    [InlineData("A-1", "issueKey")]
    [InlineData("ABC-12%20OR%201", "issueKey")]
    [InlineData("ABC-12;--all", "issueKey")]
    [InlineData("ABC-12/commits?maxChanges=x", "maxChanges")]
    [InlineData("ABC-12/commits?maxChanges=101", "maxChanges")]
    [InlineData("ABC-12/commits?maxChanges=-1", "maxChanges")]
    public async Task Malformed_keys_and_limits_are_refused_naming_the_parameter(string path, string field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        var url = Issue + (path.Contains('/', StringComparison.Ordinal) ? path : path + "/commits");

        var error = await (await admin.GetAsync(url, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(field, error.GetProperty("errors")[0].GetProperty("context").GetString());
    }

    [Fact]
    public async Task An_oversized_key_is_refused()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        var error = await (await admin.GetAsync(Issue + "A" + new string('B', 400) + "-1/commits", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync(Issue + "ABC-1/commits?limit=abc", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal("issueKey", error.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.True(error.GetProperty("errors")[0].GetProperty("message").GetString()!.Length < 200);
    }
}
