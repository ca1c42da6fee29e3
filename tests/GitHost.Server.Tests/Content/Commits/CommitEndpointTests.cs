using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Content.Commits;

public sealed class CommitEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// main: c0 add a.txt, b.sh (executable) → c1 modify a.txt → c2 rename a.txt → docs/a.md, delete b.sh
    /// → merge of side (side: s1 add side.txt from c1) → 150 empty commits. Tag v1 on c1.
    /// </summary>
    private sealed record History(string Api, long Id, string C0, string C1, string C2, string S1, string Merge, string Tip);

    private static async Task<History> CreateAsync(GitHostTestServer server, string key, string slug)
    {
        string c0 = "", c1 = "", c2 = "", s1 = "", merge = "", tip = "";
        var seeded = await server.SeedRepositoryAsync(key, slug, async tree =>
        {
            await tree.WriteAsync("a.txt", string.Join('\n', Enumerable.Range(0, 50)) + "\n");
            await tree.WriteAsync("b.sh", "echo hi\n");
            // With fileMode off, later "add --all" keeps the executable bit set in the index.
            await tree.GitAsync(Ct, "config", "core.fileMode", "false");
            await tree.GitAsync(Ct, "add", "--all");
            await tree.GitAsync(Ct, "update-index", "--chmod=+x", "b.sh");
            c0 = await tree.CommitAsync("c0", Ct);
            await tree.WriteAsync("a.txt", string.Join('\n', Enumerable.Range(0, 51)) + "\n");
            c1 = await tree.CommitAsync("c1\n\nbody", Ct);
            await tree.GitAsync(Ct, "tag", "v1");
            await tree.GitAsync(Ct, "checkout", "-q", "-b", "side");
            await tree.WriteAsync("side.txt", "side\n");
            s1 = await tree.CommitAsync("s1", Ct);
            await tree.GitAsync(Ct, "checkout", "-q", "main");
            await tree.GitAsync(Ct, "mv", "a.txt", "docs-a.md");
            Directory.CreateDirectory(Path.Combine(tree.Path, "docs"));
            await tree.GitAsync(Ct, "mv", "docs-a.md", "docs/a.md");
            tree.Delete("b.sh");
            c2 = await tree.CommitAsync("c2", Ct);
            await tree.GitAsync(Ct, "merge", "-q", "--no-ff", "-m", "merge side", "side");
            merge = await tree.HeadAsync(Ct);
            for (var i = 0; i < 150; i++)
            {
                await tree.GitAsync(Ct, "commit", "-q", "--allow-empty", "-m", "empty " + i);
            }

            tip = await tree.HeadAsync(Ct);
        }, Ct, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
        return new History(seeded.Api, seeded.Id, c0, c1, c2, s1, merge, tip);
    }

    private static List<string?> Ids(JsonElement page) => page.Values().EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToList();

    [Theory]
    [AllDatabases]
    public async Task Commit_has_bitbucket_shape_and_authors_matching_users_become_users(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var history = await CreateAsync(server, "CMS", "shape");
        await server.CreateUserAsync("author", Ct);
        using var admin = server.AdminClient();

        var commit = await (await admin.GetAsync(history.Api + "/commits/" + history.C1, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(history.C1, commit.GetProperty("id").GetString());
        Assert.Equal(history.C1[..11], commit.GetProperty("displayId").GetString());
        Assert.Equal("c1\n\nbody", commit.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Number, commit.GetProperty("authorTimestamp").ValueKind);
        Assert.True(commit.GetProperty("committerTimestamp").GetInt64() > 1_600_000_000_000);
        var author = commit.GetProperty("author");
        Assert.Equal("author", author.GetProperty("slug").GetString());
        Assert.Equal("author@example.com", author.GetProperty("emailAddress").GetString());
        Assert.Equal(JsonValueKind.Number, author.GetProperty("id").ValueKind);
        var committer = commit.GetProperty("committer");
        Assert.Equal("Test Committer", committer.GetProperty("name").GetString());
        Assert.Equal("committer@example.com", committer.GetProperty("emailAddress").GetString());
        Assert.False(committer.TryGetProperty("id", out _));
        var parent = Assert.Single(commit.GetProperty("parents").EnumerateArray());
        Assert.Equal(history.C0, parent.GetProperty("id").GetString());
        Assert.Equal(history.C0[..11], parent.GetProperty("displayId").GetString());

        var abbreviated = await (await admin.GetAsync(history.Api + "/commits/" + history.C1[..7], Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(history.C1, abbreviated.GetProperty("id").GetString());
        var byBranch = await (await admin.GetAsync(history.Api + "/commits/main", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var missing = await (await admin.GetAsync(history.Api + "/commits/no-such-branch", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal((await GitCli.RunAsync(server.RepositoryPath(history.Id), ["--git-dir", server.RepositoryPath(history.Id), "rev-parse", "main"], Ct)).StandardOutput.Trim(),
            byBranch.GetProperty("id").GetString());
        Assert.Equal("com.atlassian.bitbucket.commit.NoSuchCommitException", missing.ExceptionName());
    }

    [Theory]
    [AllDatabases]
    public async Task Commit_list_pages_newest_first_from_the_default_branch(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var history = await CreateAsync(server, "CMP", "paging");
        using var admin = server.AdminClient();

        var first = await (await admin.GetAsync(history.Api + "/commits?limit=100", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(history.Tip, Ids(first)[0]);
        Assert.Equal(100, first.GetProperty("size").GetInt32());
        Assert.False(first.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(100, first.GetProperty("nextPageStart").GetInt32());
        var second = await (await admin.GetAsync(history.Api + "/commits?limit=100&start=100", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var all = Ids(first).Concat(Ids(second)).ToList();
        Assert.True(second.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(155, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(history.C0, all[^1]);
        Assert.False(first.TryGetProperty("totalCount", out _));

        var counted = await (await admin.GetAsync(history.Api + "/commits?limit=1&withCounts=true", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(155, counted.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, counted.GetProperty("authorCount").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task Commit_list_filters_by_until_since_path_and_merges(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var history = await CreateAsync(server, "CMF", "filters");
        using var admin = server.AdminClient();

        async Task<List<string?>> Get(string query) =>
            Ids(await (await admin.GetAsync(history.Api + "/commits?" + query, Ct)).ExpectAsync(HttpStatusCode.OK, Ct));

        Assert.Equal([history.C1, history.C0], await Get("until=v1"));
        Assert.Equal([history.S1, history.C1, history.C0], await Get("until=refs/heads/side"));
        Assert.Equal([history.S1], await Get("until=side&since=" + history.C1));
        Assert.Equal([history.Merge], await Get("merges=ONLY"));
        Assert.DoesNotContain(history.Merge, await Get("merges=exclude&limit=1000"));
        Assert.Equal([history.C2], await Get("path=docs/a.md"));
        Assert.Equal([history.C2, history.C1, history.C0], await Get("path=docs/a.md&followRenames=true"));
        Assert.Equal([history.C2, history.C0], await Get("path=b.sh"));
        Assert.Empty(await Get("until=nope&ignoreMissing=true"));
        var missing = await (await admin.GetAsync(history.Api + "/commits?until=nope", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal("com.atlassian.bitbucket.commit.NoSuchCommitException", missing.ExceptionName());
    }

    [Theory]
    [AllDatabases]
    public async Task Compare_lists_commits_reachable_from_from_and_not_to(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var history = await CreateAsync(server, "CMC", "compare");
        using var admin = server.AdminClient();

        var page = await (await admin.GetAsync(history.Api + "/compare/commits?from=side&to=v1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal([history.S1], Ids(page));
        var reverse = await (await admin.GetAsync(history.Api + "/compare/commits?from=v1&to=side", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Empty(Ids(reverse));
        var fromMain = await (await admin.GetAsync(history.Api + "/compare/commits?to=side&limit=5", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(history.Tip, Ids(fromMain)[0]);
        Assert.False(fromMain.GetProperty("isLastPage").GetBoolean());
    }

    [Theory]
    [AllDatabases]
    public async Task Commit_changes_report_adds_moves_deletes_and_modes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var history = await CreateAsync(server, "CMX", "changes");
        using var admin = server.AdminClient();

        var root = await (await admin.GetAsync(history.Api + "/commits/" + history.C0 + "/changes", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(history.C0, root.GetProperty("toHash").GetString());
        var added = root.Values().EnumerateArray().ToDictionary(v => v.GetProperty("path").GetProperty("toString").GetString()!);
        Assert.Equal("ADD", added["a.txt"].GetProperty("type").GetString());
        Assert.True(added["b.sh"].GetProperty("executable").GetBoolean());
        Assert.False(added["a.txt"].GetProperty("executable").GetBoolean());
        Assert.Equal("FILE", added["a.txt"].GetProperty("nodeType").GetString());

        var page = await (await admin.GetAsync(history.Api + "/commits/" + history.C2 + "/changes", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(history.C1, page.GetProperty("fromHash").GetString());
        Assert.Equal(history.C2, page.GetProperty("toHash").GetString());
        var changes = page.Values().EnumerateArray().ToDictionary(v => v.GetProperty("path").GetProperty("toString").GetString()!);
        var moved = changes["docs/a.md"];
        Assert.Equal("MOVE", moved.GetProperty("type").GetString());
        Assert.Equal("a.txt", moved.GetProperty("srcPath").GetProperty("toString").GetString());
        Assert.Equal(100, moved.GetProperty("percentUnchanged").GetInt32());
        var path = moved.GetProperty("path");
        Assert.Equal(["docs", "a.md"], path.GetProperty("components").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("docs", path.GetProperty("parent").GetString());
        Assert.Equal("a.md", path.GetProperty("name").GetString());
        Assert.Equal("md", path.GetProperty("extension").GetString());
        Assert.Equal(moved.GetProperty("contentId").GetString(), moved.GetProperty("fromContentId").GetString());
        Assert.Equal("MOVE", moved.GetProperty("properties").GetProperty("gitChangeType").GetString());
        var deleted = changes["b.sh"];
        Assert.Equal("DELETE", deleted.GetProperty("type").GetString());
        Assert.Equal(new string('0', 40), deleted.GetProperty("contentId").GetString());
        Assert.False(deleted.TryGetProperty("srcPath", out _));
        Assert.Equal(-1, deleted.GetProperty("percentUnchanged").GetInt32());
        Assert.StartsWith("http", deleted.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString());

        var paged = await (await admin.GetAsync(history.Api + "/commits/" + history.C2 + "/changes?limit=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.False(paged.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(1, paged.GetProperty("nextPageStart").GetInt32());
        var modified = await (await admin.GetAsync(history.Api + "/commits/" + history.C1 + "/changes", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("MODIFY", Assert.Single(modified.Values().EnumerateArray()).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("until=../x")]
    [InlineData("until=-x")]
    [InlineData("until=a%00b")]
    [InlineData("until=refs/heads/../../x")]
    [InlineData("until=main..side")]
    [InlineData("since=--all")]
    [InlineData("path=../etc/passwd")]
    public async Task Hostile_commit_queries_are_refused(string query)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var history = await CreateAsync(server, "CMH", "h" + Guid.NewGuid().ToString("N")[..8]);
        using var admin = server.AdminClient();

        await (await admin.GetAsync(history.Api + "/commits?" + query, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Hidden_repository_commits_are_404_for_users_and_401_for_anonymous(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var history = await CreateAsync(server, "CMV", "hidden");
        await server.CreateUserAsync("cm-outsider", Ct);
        using var outsider = server.Client("cm-outsider");
        using var anonymous = server.Client();

        await (await outsider.GetAsync(history.Api + "/commits", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await outsider.GetAsync(history.Api + "/commits/" + history.C0, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await anonymous.GetAsync(history.Api + "/commits/" + history.C0 + "/changes", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await anonymous.GetAsync(history.Api + "/compare/commits", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }
}
