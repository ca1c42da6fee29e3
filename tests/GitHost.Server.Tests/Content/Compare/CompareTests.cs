using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Content.Compare;

/// <summary>compare/commits, changes, diff and diff-stats-summary: within a repository, from a fork (fromRepo), and bad input.</summary>
public sealed class CompareTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Compare_shows_what_from_brings_that_to_lacks(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "CMP", "within", Ct);
        using var admin = server.AdminClient();
        // main moves on with a file feature never had: it must not show when comparing feature to main.
        var mainOnly = await repo.PushAsync("main", "target only", Ct, file: "target.txt");
        var compare = repo.Api + "/compare";

        var commits = await (await admin.GetAsync(compare + "/commits?from=feature&to=main", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var reverse = await (await admin.GetAsync(compare + "/commits?from=refs/heads/main&to=refs/heads/feature", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var changes = await (await admin.GetAsync(compare + "/changes?from=feature&to=main", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var diff = await (await admin.GetAsync(compare + "/diff?from=feature&to=main&contextLines=0", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var onePath = await (await admin.GetAsync(compare + "/diff/target.txt?from=main&to=feature", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var stats = await (await admin.GetAsync(compare + "/diff-stats-summary?from=feature&to=main", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var statsPath = await (await admin.GetAsync(compare + "/diff-stats-summary/README.md?from=feature&to=main", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal([repo.FeatureHead], Ids(commits));
        Assert.Equal([mainOnly], Ids(reverse));
        Assert.Equal(["src/app.txt"], Paths(changes));
        Assert.Equal(repo.MainHead, diff.GetProperty("fromHash").GetString());
        Assert.Equal(repo.FeatureHead, diff.GetProperty("toHash").GetString());
        Assert.Equal(0, diff.GetProperty("contextLines").GetInt32());
        Assert.Equal("src/app.txt", Assert.Single(diff.GetProperty("diffs").EnumerateArray()).GetProperty("destination").GetProperty("toString").GetString());
        Assert.Equal("target.txt", Assert.Single(onePath.GetProperty("diffs").EnumerateArray()).GetProperty("destination").GetProperty("toString").GetString());
        Assert.Equal(1, stats.GetProperty("filesChanged").GetInt32());
        Assert.Equal(2, stats.GetProperty("linesAdded").GetInt32());
        Assert.Equal(1, stats.GetProperty("linesRemoved").GetInt32());
        Assert.Equal(0, statsPath.GetProperty("filesChanged").GetInt32());
    }

    [Fact]
    public async Task Compare_commits_default_to_the_default_branch_and_page()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "CMP", "paging", Ct);
        using var admin = server.AdminClient();
        var second = await repo.PushAsync("feature", "second", Ct);

        var defaultTo = await (await admin.GetAsync(repo.Api + "/compare/commits?from=feature&limit=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var next = await (await admin.GetAsync(repo.Api + "/compare/commits?from=feature&start=1&limit=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var nothing = await (await admin.GetAsync(repo.Api + "/compare/commits", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal([second], Ids(defaultTo));
        Assert.False(defaultTo.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(1, defaultTo.GetProperty("nextPageStart").GetInt32());
        Assert.Equal([repo.FeatureHead], Ids(next));
        Assert.True(next.GetProperty("isLastPage").GetBoolean());
        Assert.Empty(Ids(nothing));
    }

    [Theory]
    [AllDatabases]
    public async Task FromRepo_compares_a_fork_by_project_and_slug_or_by_id(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "CMF", "upstream", Ct);
        var forker = "cmp-forker-" + provider;
        await server.CreateUserAsync(forker, Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, forker, "REPO_READ", Ct);
        using var user = server.Client(forker);
        var fork = await (await user.PostAsJsonAsync(repo.Api, new { name = "upstream-fork" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var forkKey = fork.GetProperty("project").GetProperty("key").GetString()!;
        var forkId = fork.GetProperty("id").GetInt64();
        await repo.Tree.GitAsync(Ct, "checkout", "--quiet", "-b", "fork-work", repo.MainHead);
        await repo.Tree.WriteAsync("fork.txt", "from the fork\n");
        var forkHead = await repo.Tree.CommitAsync("fork change", Ct);
        await repo.Tree.GitAsync(Ct, "push", "--quiet", server.CloneUrl(forkKey, "upstream-fork", forker), "fork-work");
        var fromRepo = Uri.EscapeDataString(forkKey + "/upstream-fork");

        var commits = await (await user.GetAsync($"{repo.Api}/compare/commits?from=fork-work&to=main&fromRepo={fromRepo}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var byId = await (await user.GetAsync($"{repo.Api}/compare/changes?from=fork-work&to=main&fromRepo={forkId}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var diff = await (await user.GetAsync($"{repo.Api}/compare/diff?from=refs/heads/fork-work&to=main&fromRepo={forkId}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var stats = await (await user.GetAsync($"{repo.Api}/compare/diff-stats-summary?from=fork-work&fromRepo={fromRepo}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        // Without fromRepo the fork's branch does not exist here.
        var here = await (await user.GetAsync($"{repo.Api}/compare/commits?from=fork-work&to=main", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.Equal([forkHead], Ids(commits));
        Assert.Equal(["fork.txt"], Paths(byId));
        Assert.Equal(forkHead, diff.GetProperty("toHash").GetString());
        Assert.Equal(repo.MainHead, diff.GetProperty("fromHash").GetString());
        Assert.Equal(1, stats.GetProperty("filesChanged").GetInt32());
        Assert.Equal("com.atlassian.bitbucket.commit.NoSuchCommitException", here.ExceptionName());
    }

    [Fact]
    public async Task FromRepo_refuses_what_the_caller_cannot_read_or_is_outside_the_hierarchy()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "CMH", "upstream", Ct);
        using var other = await PullRequestRepo.CreateAsync(server, "CMH", "unrelated", Ct);
        await server.CreateUserAsync("cmp-reader", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "cmp-reader", "REPO_READ", Ct);
        using var reader = server.Client("cmp-reader");
        using var admin = server.AdminClient();
        var compare = repo.Api + "/compare/commits?from=feature&to=main&fromRepo=";

        var unrelated = await (await admin.GetAsync(compare + "CMH%2Funrelated", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var hidden = await (await reader.GetAsync(compare + other.Id, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var hiddenBySlug = await (await reader.GetAsync(compare + "CMH%2Funrelated", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var unknown = await (await admin.GetAsync(compare + "987654321", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var self = await (await admin.GetAsync(compare + repo.Id, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("fromRepo", unrelated.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("com.atlassian.bitbucket.repository.NoSuchRepositoryException", hidden.ExceptionName());
        Assert.Equal(hidden.ExceptionName(), hiddenBySlug.ExceptionName());
        Assert.Equal(hidden.ExceptionName(), unknown.ExceptionName());
        Assert.Equal([repo.FeatureHead], Ids(self));
        foreach (var bad in new[] { "abc", "CMH%2Fa%2Fb", "-1", "%2Fslug", new string('9', 300), "1%00" })
        {
            await (await admin.GetAsync(compare + bad, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        }
    }

    [Fact]
    public async Task Unknown_refs_are_not_found_and_malformed_parameters_are_a_bad_request()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "CMB", "bad", Ct);
        using var admin = server.AdminClient();
        var compare = repo.Api + "/compare";

        foreach (var endpoint in new[] { "/commits", "/changes", "/diff", "/diff-stats-summary" })
        {
            var missing = await (await admin.GetAsync(compare + endpoint + "?from=nope&to=main", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
            Assert.Equal("com.atlassian.bitbucket.commit.NoSuchCommitException", missing.ExceptionName());
            var missingTo = await (await admin.GetAsync(compare + endpoint + "?from=feature&to=" + new string('a', 40), Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
            Assert.Equal("to", missingTo.GetProperty("errors")[0].GetProperty("context").GetString());
            await (await admin.GetAsync(compare + endpoint + "?from=--output%3D%2Ftmp%2Fx&to=main", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
            await (await admin.GetAsync(compare + endpoint + "?from=main..feature", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        }

        foreach (var query in new[] { "contextLines=abc", "contextLines=-1", "contextLines=100000", "whitespace=bogus", "srcPath=..%2Fetc%2Fpasswd" })
        {
            await (await admin.GetAsync(compare + "/diff?from=feature&to=main&" + query, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        }

        await (await admin.GetAsync(compare + "/diff/src%5Capp.txt?from=feature&to=main", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync(compare + "/diff-stats-summary?from=feature&whitespace=bogus", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync(compare + "/changes?from=feature&limit=abc", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync("/rest/api/1.0/projects/CMB/repos/nope/compare/commits", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    private static List<string?> Ids(JsonElement page) => page.GetProperty("values").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();

    private static List<string?> Paths(JsonElement page) =>
        page.GetProperty("values").EnumerateArray().Select(c => c.GetProperty("path").GetProperty("toString").GetString()).ToList();
}
