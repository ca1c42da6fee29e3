using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Content;

/// <summary>
/// A repository that already holds <c>refs/replace/*</c> (copied in on disk; a push of one is refused)
/// must still be served as it really is through every REST door: the doors that run git
/// (<c>raw</c>, <c>browse</c>, <c>archive</c>, <c>diff</c>, <c>changes</c>, <c>files</c>, path history)
/// and the ones that read through LibGit2Sharp (<c>commits</c>, <c>browse</c> of folders) alike.
/// Each test first shows that plain git does see the replacement, so the scenario is real.
/// </summary>
public sealed class ReplaceObjectsTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string TrueTwo = "true two\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>c1: a.txt, keep.txt, src/x.cs, src/y.cs; c2 (main): a.txt changed, b.txt added.</summary>
    private sealed record History(SeededRepository Repo, string GitDir, string C1, string C2)
    {
        public string Api => Repo.Api;
    }

    private static async Task<History> CreateAsync(GitHostTestServer server, string slug)
    {
        string c1 = "", c2 = "";
        var seeded = await server.SeedRepositoryAsync("REPLACE", slug, async tree =>
        {
            await tree.WriteAsync("a.txt", "true one\n");
            await tree.WriteAsync("keep.txt", "keep\n");
            await tree.WriteAsync("src/x.cs", "class X {}\n");
            await tree.WriteAsync("src/y.cs", "class Y {}\n");
            c1 = await tree.CommitAsync("one", Ct);
            await tree.WriteAsync("a.txt", TrueTwo);
            await tree.WriteAsync("b.txt", "bee\n");
            c2 = await tree.CommitAsync("two", Ct);
        }, Ct, "main");
        return new History(seeded, server.RepositoryPath(seeded.Id), c1, c2);
    }

    [Fact]
    public async Task A_replaced_blob_of_another_size_is_served_with_its_true_bytes_through_every_door()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var history = await CreateAsync(server, "blob");
        var blob = await GitOutAsync(history.GitDir, "rev-parse", history.C2 + ":a.txt");
        var fake = await WriteBlobAsync(history.GitDir, "FAKE: a longer text than the true one\nsecond fake line\n");
        await GitOutAsync(history.GitDir, "replace", blob, fake);
        Assert.StartsWith("FAKE", await GitOutAsync(history.GitDir, "cat-file", "blob", blob));
        using var admin = server.AdminClient();

        using var raw = await admin.GetAsync(history.Api + "/raw/a.txt", Ct);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(TrueTwo, Encoding.UTF8.GetString(await raw.Content.ReadAsByteArrayAsync(Ct)));

        var browse = await (await admin.GetAsync(history.Api + "/browse/a.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["true two"], browse.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));

        var expected = new Dictionary<string, string>
        {
            ["a.txt"] = TrueTwo, ["b.txt"] = "bee\n", ["keep.txt"] = "keep\n", ["src/x.cs"] = "class X {}\n", ["src/y.cs"] = "class Y {}\n",
        };
        Assert.Equal(expected, await ZipAsync(admin, history.Api + "/archive?at=main"));
        Assert.Equal(expected, await TarAsync(admin, history.Api + "/archive?at=main&format=tar"));

        var diff = await (await admin.GetAsync(history.Api + $"/diff/a.txt?until={history.C2}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal([("REMOVED", "true one"), ("ADDED", "true two")], DiffLines(diff));

        var changes = await ChangesAsync(admin, history);
        Assert.Equal(new Dictionary<string, string> { ["a.txt"] = "MODIFY", ["b.txt"] = "ADD" }, changes);
        Assert.Equal(["a.txt", "b.txt", "keep.txt", "src/x.cs", "src/y.cs"], await FilesAsync(admin, history));
        Assert.Equal([history.C2, history.C1], await CommitIdsAsync(admin, history, ""));
    }

    [Fact]
    public async Task A_replaced_commit_keeps_its_true_diff_changes_archive_and_history()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var history = await CreateAsync(server, "commit");
        // The replacement has c1's tree: with it in effect c2 changes nothing and has no b.txt.
        var c1Tree = await GitOutAsync(history.GitDir, "rev-parse", history.C1 + "^{tree}");
        var fake = await GitOutAsync(history.GitDir, "commit-tree", c1Tree, "-p", history.C1, "-m", "fake");
        await GitOutAsync(history.GitDir, "replace", history.C2, fake);
        Assert.Equal("", await GitOutAsync(history.GitDir, "diff", "--name-only", history.C1, history.C2));
        using var admin = server.AdminClient();

        var diff = await (await admin.GetAsync(history.Api + $"/diff?until={history.C2}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["a.txt", "b.txt"], diff.GetProperty("diffs").EnumerateArray()
            .Select(d => d.GetProperty("destination").GetProperty("toString").GetString()).Order(StringComparer.Ordinal));

        Assert.Equal(new Dictionary<string, string> { ["a.txt"] = "MODIFY", ["b.txt"] = "ADD" }, await ChangesAsync(admin, history));

        var zip = await ZipAsync(admin, history.Api + "/archive?at=main");
        Assert.Equal(TrueTwo, zip["a.txt"]);
        Assert.Equal("bee\n", zip["b.txt"]);
        var tar = await TarAsync(admin, history.Api + $"/archive?at={history.C2}&format=tar");
        Assert.Equal(zip, tar);

        Assert.Equal([history.C2, history.C1], await CommitIdsAsync(admin, history, ""));
        Assert.Equal([history.C2], await CommitIdsAsync(admin, history, "?path=b.txt"));
        var commit = await (await admin.GetAsync(history.Api + "/commits/" + history.C2, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("two", commit.GetProperty("message").GetString());
        Assert.Contains("b.txt", await FilesAsync(admin, history));
        using var raw = await admin.GetAsync(history.Api + "/raw/a.txt?at=" + history.C2, Ct);
        Assert.Equal(TrueTwo, await raw.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_replaced_tree_keeps_its_true_file_list_and_archive()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var history = await CreateAsync(server, "tree");
        var src = await GitOutAsync(history.GitDir, "rev-parse", history.C2 + ":src");
        var evil = await WriteBlobAsync(history.GitDir, "class Evil {}\n");
        var fake = await GitOutAsync(history.GitDir, new MemoryStream(Encoding.UTF8.GetBytes($"100644 blob {evil}\tevil.cs\n")), "mktree");
        await GitOutAsync(history.GitDir, "replace", src, fake);
        Assert.Equal("evil.cs", await GitOutAsync(history.GitDir, "ls-tree", "--name-only", src));
        using var admin = server.AdminClient();

        Assert.Equal(["a.txt", "b.txt", "keep.txt", "src/x.cs", "src/y.cs"], await FilesAsync(admin, history));
        var folder = await (await admin.GetAsync(history.Api + "/files/src", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["x.cs", "y.cs"], folder.Values().EnumerateArray().Select(v => v.GetString()));
        var zip = await ZipAsync(admin, history.Api + "/archive?at=main");
        Assert.Equal(["a.txt", "b.txt", "keep.txt", "src/x.cs", "src/y.cs"], zip.Keys.Order(StringComparer.Ordinal));
        var browse = await (await admin.GetAsync(history.Api + "/browse/src", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["x.cs", "y.cs"], browse.GetProperty("children").Values().EnumerateArray()
            .Select(v => v.GetProperty("path").GetProperty("toString").GetString()));
    }

    [Fact]
    public async Task A_repository_config_that_turns_replace_refs_on_does_not_bring_them_back()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var history = await CreateAsync(server, "config");
        var blob = await GitOutAsync(history.GitDir, "rev-parse", history.C2 + ":a.txt");
        var fake = await WriteBlobAsync(history.GitDir, "FAKE\n");
        await GitOutAsync(history.GitDir, "replace", blob, fake);
        // git reads the repository's config after GIT_NO_REPLACE_OBJECTS, so this alone would turn them back on.
        await GitOutAsync(history.GitDir, "config", "core.useReplaceRefs", "true");
        using var admin = server.AdminClient();

        using var raw = await admin.GetAsync(history.Api + "/raw/a.txt", Ct);
        Assert.Equal(TrueTwo, Encoding.UTF8.GetString(await raw.Content.ReadAsByteArrayAsync(Ct)));
        var browse = await (await admin.GetAsync(history.Api + "/browse/a.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("true two", browse.GetProperty("lines")[0].GetProperty("text").GetString());
        Assert.Equal(TrueTwo, (await ZipAsync(admin, history.Api + "/archive?at=main"))["a.txt"]);
    }

    private static async Task<string> GitOutAsync(string gitDir, params string[] arguments) =>
        await GitOutAsync(gitDir, null, arguments);

    private static async Task<string> GitOutAsync(string gitDir, Stream? input, params string[] arguments) =>
        (await GitCli.RunAsync(gitDir, ["--git-dir", gitDir, .. arguments], Ct, standardInput: input)).EnsureSuccess().StandardOutput.Trim();

    private static Task<string> WriteBlobAsync(string gitDir, string content) =>
        GitOutAsync(gitDir, new MemoryStream(Encoding.UTF8.GetBytes(content)), "hash-object", "-w", "--stdin");

    private static IEnumerable<(string Type, string Line)> DiffLines(JsonElement diff) =>
        diff.GetProperty("diffs").EnumerateArray().SelectMany(f => f.GetProperty("hunks").EnumerateArray())
            .SelectMany(h => h.GetProperty("segments").EnumerateArray())
            .SelectMany(s => s.GetProperty("lines").EnumerateArray().Select(l => (s.GetProperty("type").GetString()!, l.GetProperty("line").GetString()!)));

    private static async Task<Dictionary<string, string>> ChangesAsync(HttpClient admin, History history)
    {
        var page = await (await admin.GetAsync(history.Api + "/commits/" + history.C2 + "/changes", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        return page.Values().EnumerateArray().ToDictionary(
            v => v.GetProperty("path").GetProperty("toString").GetString()!, v => v.GetProperty("type").GetString()!);
    }

    private static async Task<List<string?>> FilesAsync(HttpClient admin, History history)
    {
        var page = await (await admin.GetAsync(history.Api + "/files", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        return page.Values().EnumerateArray().Select(v => v.GetString()).ToList();
    }

    private static async Task<List<string?>> CommitIdsAsync(HttpClient admin, History history, string query)
    {
        var page = await (await admin.GetAsync(history.Api + "/commits" + query, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        return page.Values().EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToList();
    }

    /// <summary>Every file of a zip archive, by path, with its text.</summary>
    private static async Task<Dictionary<string, string>> ZipAsync(HttpClient admin, string url)
    {
        using var response = await admin.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)));
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            await using var stream = await entry.OpenAsync(Ct);
            using var reader = new StreamReader(stream);
            files[entry.FullName] = await reader.ReadToEndAsync(Ct);
        }

        return files;
    }

    /// <summary>Every file of a tar archive, by path, with its text.</summary>
    private static async Task<Dictionary<string, string>> TarAsync(HttpClient admin, string url)
    {
        using var response = await admin.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var tar = new TarReader(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)));
        var files = new Dictionary<string, string>();
        while (await tar.GetNextEntryAsync(copyData: true, Ct) is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                files[entry.Name] = await reader.ReadToEndAsync(Ct);
            }
        }

        return files;
    }
}
