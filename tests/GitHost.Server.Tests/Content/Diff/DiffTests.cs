using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Content.Diff;

public sealed class DiffTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record History(string Path, string Base, string Change);

    /// <summary>Base commit, then one commit that modifies, adds, deletes, renames, touches a binary and whitespace.</summary>
    private static async Task<History> CreateAsync(GitHostTestServer server, string slug)
    {
        string first = "", second = "";
        var seeded = await server.SeedRepositoryAsync("DIFF", slug, async tree =>
        {
            await tree.WriteAsync("a.txt", string.Concat(Enumerable.Range(1, 20).Select(i => $"a{i}\n")));
            await tree.WriteAsync("gone.txt", "bye\n");
            await tree.WriteAsync("old name.txt", "same content\nline two\nline three\n");
            await tree.WriteAsync("img.bin", new byte[] { 0, 1, 2, 3 });
            await tree.WriteAsync("ws.txt", "x = 1\n");
            await tree.WriteAsync("tail.txt", "one\ntwo");
            first = await tree.CommitAsync("base", Ct);
            await tree.WriteAsync("a.txt", string.Concat(Enumerable.Range(1, 20).Select(i => i == 10 ? "changed\n" : $"a{i}\n")));
            tree.Delete("gone.txt");
            await tree.WriteAsync("new.txt", "fresh\n");
            tree.Delete("old name.txt");
            await tree.WriteAsync("new \"name\".txt", "same content\nline two\nline three\n");
            await tree.WriteAsync("img.bin", new byte[] { 0, 9, 9, 9 });
            await tree.WriteAsync("ws.txt", "x  =  1\n");
            await tree.WriteAsync("tail.txt", "one\nTWO");
            second = await tree.CommitAsync("change", Ct);
        }, Ct);
        return new History(seeded.Api, first, second);
    }

    private static JsonElement FileNamed(JsonElement diff, string name) =>
        diff.GetProperty("diffs").EnumerateArray().Single(d =>
            (d.TryGetProperty("destination", out var dst) ? dst : d.GetProperty("source")).GetProperty("toString").GetString() == name);

    private static IEnumerable<(string Type, int Source, int Destination, string Line)> Lines(JsonElement file) =>
        file.GetProperty("hunks").EnumerateArray().SelectMany(h => h.GetProperty("segments").EnumerateArray()).SelectMany(s =>
            s.GetProperty("lines").EnumerateArray().Select(l => (s.GetProperty("type").GetString()!, l.GetProperty("source").GetInt32(), l.GetProperty("destination").GetInt32(), l.GetProperty("line").GetString()!)));

    [Theory]
    [AllDatabases]
    public async Task Modified_file_has_hunks_segments_and_line_numbers_on_both_sides(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var history = await CreateAsync(server, "modify");
        using var admin = server.AdminClient();

        var diff = await (await admin.GetAsync(history.Path + $"/diff/a.txt?until={history.Change}&contextLines=2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(history.Base, diff.GetProperty("fromHash").GetString());
        Assert.Equal(history.Change, diff.GetProperty("toHash").GetString());
        Assert.Equal(2, diff.GetProperty("contextLines").GetInt32());
        Assert.False(diff.GetProperty("truncated").GetBoolean());
        var file = Assert.Single(diff.GetProperty("diffs").EnumerateArray());
        var hunk = Assert.Single(file.GetProperty("hunks").EnumerateArray());
        Assert.Equal(8, hunk.GetProperty("sourceLine").GetInt32());
        Assert.Equal(5, hunk.GetProperty("sourceSpan").GetInt32());
        Assert.Equal(
            [("CONTEXT", 8, 8, "a8"), ("CONTEXT", 9, 9, "a9"), ("REMOVED", 10, 10, "a10"), ("ADDED", 11, 10, "changed"), ("CONTEXT", 11, 11, "a11"), ("CONTEXT", 12, 12, "a12")],
            Lines(file));
        Assert.Equal(["CONTEXT", "REMOVED", "ADDED", "CONTEXT"], hunk.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("type").GetString()));

        var wide = await (await admin.GetAsync(history.Path + $"/diff/a.txt?until={history.Change}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(10, wide.GetProperty("contextLines").GetInt32());
        Assert.Equal(20, Lines(wide.GetProperty("diffs")[0]).Count(l => l.Type == "CONTEXT") + 1);
    }

    [Theory]
    [AllDatabases]
    public async Task Whole_commit_diff_covers_add_delete_rename_binary_and_missing_newline(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var history = await CreateAsync(server, "whole");
        using var admin = server.AdminClient();

        var diff = await (await admin.GetAsync(history.Path + $"/diff?since={history.Base}&until={history.Change}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var added = FileNamed(diff, "new.txt");
        Assert.False(added.TryGetProperty("source", out _));
        Assert.Equal([("ADDED", 1, 1, "fresh")], Lines(added));
        var deleted = FileNamed(diff, "gone.txt");
        Assert.False(deleted.TryGetProperty("destination", out _));
        Assert.Equal([("REMOVED", 1, 1, "bye")], Lines(deleted));
        var renamed = FileNamed(diff, "new \"name\".txt");
        Assert.Equal("old name.txt", renamed.GetProperty("source").GetProperty("toString").GetString());
        Assert.Empty(renamed.GetProperty("hunks").EnumerateArray());
        Assert.True(FileNamed(diff, "img.bin").GetProperty("binary").GetBoolean());
        Assert.Equal([("CONTEXT", 1, 1, "one"), ("REMOVED", 2, 2, "two"), ("ADDED", 3, 2, "TWO")], Lines(FileNamed(diff, "tail.txt")));
        Assert.Contains(diff.GetProperty("diffs").EnumerateArray(), d => d.TryGetProperty("destination", out var p) && p.GetProperty("toString").GetString() == "ws.txt");

        var ignoring = await (await admin.GetAsync(history.Path + $"/diff?until={history.Change}&whitespace=ignore-all", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("IGNORE_ALL", ignoring.GetProperty("whitespace").GetString());
        Assert.DoesNotContain(ignoring.GetProperty("diffs").EnumerateArray(), d => d.TryGetProperty("destination", out var p) && p.GetProperty("toString").GetString() == "ws.txt");
        Assert.Equal(diff.GetProperty("diffs").GetArrayLength() - 1, ignoring.GetProperty("diffs").GetArrayLength());
    }

    [Theory]
    [AllDatabases]
    public async Task Changes_list_types_similarity_and_page(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var history = await CreateAsync(server, "changes");
        using var admin = server.AdminClient();

        var all = await (await admin.GetAsync(history.Path + $"/changes?since={history.Base}&until={history.Change}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var byPath = all.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("path").GetProperty("toString").GetString()!);
        Assert.Equal("ADD", byPath["new.txt"].GetProperty("type").GetString());
        Assert.Equal("DELETE", byPath["gone.txt"].GetProperty("type").GetString());
        Assert.Equal("MODIFY", byPath["a.txt"].GetProperty("type").GetString());
        var move = byPath["new \"name\".txt"];
        Assert.Equal("MOVE", move.GetProperty("type").GetString());
        Assert.Equal("old name.txt", move.GetProperty("srcPath").GetProperty("toString").GetString());
        Assert.Equal(100, move.GetProperty("percentUnchanged").GetInt32());
        Assert.Equal("FILE", move.GetProperty("nodeType").GetString());
        Assert.Equal(40, byPath["a.txt"].GetProperty("contentId").GetString()!.Length);
        Assert.Equal(new string('0', 40), byPath["new.txt"].GetProperty("fromContentId").GetString());
        Assert.Equal(new string('0', 40), byPath["gone.txt"].GetProperty("contentId").GetString());
        Assert.Equal("MOVE", move.GetProperty("properties").GetProperty("gitChangeType").GetString());
        Assert.EndsWith(
            $"/projects/DIFF/repos/changes/commits/{history.Change}#new%20%22name%22.txt",
            move.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString());

        var page = await (await admin.GetAsync(history.Path + $"/changes?until={history.Change}&limit=2&start=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(2, page.GetProperty("values").GetArrayLength());
        Assert.False(page.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(3, page.GetProperty("nextPageStart").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task Compare_shows_what_from_brings_over_to(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var seeded = await server.SeedRepositoryAsync("DIFF", "compare", async tree =>
        {
            await tree.WriteAsync("shared.txt", "base\n");
            await tree.CommitAsync("base", Ct);
            await tree.GitAsync(Ct, "checkout", "-q", "-b", "feature");
            await tree.WriteAsync("feature.txt", "feature\n");
            await tree.CommitAsync("feature work", Ct);
            await tree.GitAsync(Ct, "checkout", "-q", "main");
            await tree.WriteAsync("main-only.txt", "main\n");
            await tree.CommitAsync("main work", Ct);
        }, Ct);
        using var admin = server.AdminClient();
        var repo = seeded.Api;

        var changes = await (await admin.GetAsync(repo + "/compare/changes?from=feature&to=main", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["feature.txt"], changes.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("path").GetProperty("toString").GetString()));
        var diff = await (await admin.GetAsync(repo + "/compare/diff?from=refs/heads/feature&to=main", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("feature.txt", Assert.Single(diff.GetProperty("diffs").EnumerateArray()).GetProperty("destination").GetProperty("toString").GetString());
    }

    [Fact]
    public async Task Diff_beyond_the_line_cap_is_marked_truncated()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:Content:MaxDiffLines"] = "50",
        });
        var seeded = await server.SeedRepositoryAsync("CAP", "bigdiff", async tree =>
        {
            await tree.WriteAsync("a.txt", string.Concat(Enumerable.Range(1, 500).Select(i => $"{i}\n")));
            await tree.WriteAsync("b.txt", "b\n");
            await tree.CommitAsync("big", Ct);
        }, Ct);
        using var admin = server.AdminClient();

        var diff = await (await admin.GetAsync(seeded.Api + "/diff", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.True(diff.GetProperty("truncated").GetBoolean());
        Assert.False(diff.TryGetProperty("fromHash", out _));
        var file = Assert.Single(diff.GetProperty("diffs").EnumerateArray());
        Assert.True(file.GetProperty("truncated").GetBoolean());
        Assert.Equal(50, Lines(file).Count());
        Assert.True(file.GetProperty("hunks")[0].GetProperty("segments")[0].GetProperty("truncated").GetBoolean());
    }
}
