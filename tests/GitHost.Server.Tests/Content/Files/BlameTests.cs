using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Server.Tests.Web;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Content.Files;

/// <summary>
/// <c>browse?blame</c> (with the lines, or alone with <c>noContent</c>) and the file page's blame: who
/// last changed each run of lines, through a rename, computed by git from pushed history.
/// </summary>
public sealed class BlameTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Blame_names_the_commit_author_and_file_of_each_run_of_lines_through_a_rename(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var history = await SeedAsync(server, "BLAME" + provider.ToString()[..2].ToUpperInvariant());
        using var admin = server.AdminClient();
        var file = history.Api + "/browse/renamed.txt";

        var withLines = await (await admin.GetAsync(file + "?blame", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var alone = JsonDocument.Parse(await (await admin.GetAsync(file + "?blame=true&noContent=true&start=2&limit=2", Ct)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Ct));
        var plain = await (await admin.GetAsync(file + "?blame=false", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var directory = await (await admin.GetAsync(history.Api + "/browse?blame", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var binary = await (await admin.GetAsync(history.Api + "/browse/logo.bin?blame", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var dash = await (await admin.GetAsync(history.Api + "/browse/-dash.txt?blame", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(6, withLines.GetProperty("lines").GetArrayLength());
        var spans = withLines.GetProperty("blame").EnumerateArray().ToList();
        Assert.Equal([(1, 2, history.First), (3, 2, history.Second), (5, 2, history.First)],
            spans.Select(s => (s.GetProperty("lineNumber").GetInt32(), s.GetProperty("spannedLines").GetInt32(), s.GetProperty("commitId").GetString())));
        Assert.Equal(["Ada Author", "Bob Builder", "Ada Author"], spans.Select(s => s.GetProperty("author").GetProperty("name").GetString()));
        Assert.Equal("bob@example.com", spans[1].GetProperty("author").GetProperty("emailAddress").GetString());
        Assert.Equal("Cy Committer", spans[1].GetProperty("committer").GetProperty("name").GetString());
        Assert.Equal(1_767_225_600_000, spans[1].GetProperty("authorTimestamp").GetInt64());
        Assert.Equal(1_767_312_000_000, spans[1].GetProperty("committerTimestamp").GetInt64());
        Assert.Equal(history.Second, spans[1].GetProperty("commitHash").GetString());
        Assert.Equal(history.Second[..11], spans[1].GetProperty("displayCommitHash").GetString());
        Assert.Equal(history.Second[..11], spans[1].GetProperty("commitDisplayId").GetString());
        Assert.All(spans, s => Assert.Equal("notes.txt", s.GetProperty("fileName").GetString()));
        var only = Assert.Single(alone.RootElement.EnumerateArray());
        Assert.Equal((3, 2, history.Second), (only.GetProperty("lineNumber").GetInt32(), only.GetProperty("spannedLines").GetInt32(), only.GetProperty("commitId").GetString()));
        Assert.False(plain.TryGetProperty("blame", out _));
        Assert.True(directory.TryGetProperty("children", out _));
        Assert.True(binary.GetProperty("binary").GetBoolean());
        // A name that reads as an option is still a path after "--".
        Assert.Equal("-dash.txt", Assert.Single(dash.GetProperty("blame").EnumerateArray()).GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task The_file_page_shows_blame_when_asked_and_outsiders_see_nothing()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var history = await SeedAsync(server, "BLAMEWEB");
        await server.CreateUserAsync("blame-outsider", Ct);
        using var admin = await BrowserPage.AdminAsync(server, Ct);
        using var outsider = await BrowserPage.SignedInAsync(server, "blame-outsider", Ct);
        using var outsiderRest = server.Client("blame-outsider");
        var page = "/projects/BLAMEWEB/repos/history/browse/renamed.txt";

        var (blamedResponse, blamed) = await admin.GetAsync(page + "?blame=true", Ct);
        var (_, plain) = await admin.GetAsync(page, Ct);
        var (hidden, _) = await outsider.GetAsync(page + "?blame=true", Ct);
        using var hiddenRest = await outsiderRest.GetAsync($"/rest/api/1.0/projects/BLAMEWEB/repos/history/browse/renamed.txt?blame", Ct);

        Assert.Equal(HttpStatusCode.OK, blamedResponse.StatusCode);
        Assert.Equal(3, CountOf(blamed, "<td class=\"blame\""));
        Assert.Contains($"/commits/{history.Second}\"", blamed, StringComparison.Ordinal);
        Assert.Contains("Bob Builder", blamed, StringComparison.Ordinal);
        Assert.Contains("rowspan=\"2\"", blamed, StringComparison.Ordinal);
        Assert.Contains("Hide blame", blamed, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"blame\"", plain, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hiddenRest.StatusCode);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Ada writes six lines, Bob changes the middle two (committed by Cy), then the file is renamed.</summary>
    private static async Task<History> SeedAsync(GitHostTestServer server, string key)
    {
        string first = "", second = "";
        var seeded = await server.SeedRepositoryAsync(key, "history", async tree =>
        {
            await tree.WriteAsync("notes.txt", "one\ntwo\nthree\nfour\nfive\nsix\n");
            await tree.WriteAsync("logo.bin", ContentRepo.Logo);
            await tree.WriteAsync("-dash.txt", "a file whose name reads as an option\n");
            first = await CommitAsAsync(tree, "Ada Author", "ada@example.com", "Ada Author", "ada@example.com", "2025-12-31T00:00:00Z", "first");
            await tree.WriteAsync("notes.txt", "one\ntwo\nTHREE\nFOUR\nfive\nsix\n");
            second = await CommitAsAsync(tree, "Bob Builder", "bob@example.com", "Cy Committer", "cy@example.com", "2026-01-01T00:00:00Z", "second", "2026-01-02T00:00:00Z");
            await tree.GitAsync(Ct, "mv", "notes.txt", "renamed.txt");
            await CommitAsAsync(tree, "Ada Author", "ada@example.com", "Ada Author", "ada@example.com", "2026-01-03T00:00:00Z", "rename");
        }, Ct);
        return new History(seeded.Api, first, second);
    }

    private static async Task<string> CommitAsAsync(
        GitWorkTree tree, string author, string authorEmail, string committer, string committerEmail, string authorDate, string message, string? committerDate = null)
    {
        await tree.GitAsync(Ct, "add", "--all");
        (await GitCli.RunAsync(tree.Path, ["commit", "--quiet", "-m", message], Ct, new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = author,
            ["GIT_AUTHOR_EMAIL"] = authorEmail,
            ["GIT_AUTHOR_DATE"] = authorDate,
            ["GIT_COMMITTER_NAME"] = committer,
            ["GIT_COMMITTER_EMAIL"] = committerEmail,
            ["GIT_COMMITTER_DATE"] = committerDate ?? authorDate,
        })).EnsureSuccess();
        return await tree.HeadAsync(Ct);
    }

    private sealed record History(string Api, string First, string Second);
}
