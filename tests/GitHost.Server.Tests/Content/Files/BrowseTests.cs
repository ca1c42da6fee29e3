using System.Net;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Content.Files;

public sealed class BrowseTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Root_directory_lists_folders_first_with_sizes_and_pages(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await ContentRepo.CreateAsync(server, "browse-dir", Ct);
        using var admin = server.AdminClient();

        var root = await (await admin.GetAsync(repo.Path + "/browse", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var children = root.GetProperty("children");
        var names = children.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("path").GetProperty("toString").GetString()).ToList();
        Assert.Equal(["assets", "docs", "src", "README.md"], names);
        var readme = children.GetProperty("values")[3];
        Assert.Equal("FILE", readme.GetProperty("type").GetString());
        Assert.Equal(ContentRepo.Lines(12).Length, readme.GetProperty("size").GetInt64());
        Assert.Equal(40, readme.GetProperty("contentId").GetString()!.Length);
        Assert.Equal("DIRECTORY", children.GetProperty("values")[0].GetProperty("type").GetString());
        Assert.True(children.GetProperty("isLastPage").GetBoolean());

        var page = await (await admin.GetAsync(repo.Path + "/browse/src?limit=1&start=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["src"], page.GetProperty("path").GetProperty("components").EnumerateArray().Select(c => c.GetString()));
        var only = Assert.Single(page.GetProperty("children").GetProperty("values").EnumerateArray());
        Assert.Equal("util.cs", only.GetProperty("path").GetProperty("name").GetString());
        Assert.True(page.GetProperty("children").GetProperty("isLastPage").GetBoolean());
    }

    [Theory]
    [AllDatabases]
    public async Task File_lines_come_without_newlines_and_page_by_start_and_limit(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await ContentRepo.CreateAsync(server, "browse-file", Ct);
        using var admin = server.AdminClient();

        var page = await (await admin.GetAsync(repo.Path + "/browse/README.md?start=2&limit=3", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["line 3", "line 4", "line 5"], page.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));
        Assert.Equal(3, page.GetProperty("size").GetInt32());
        Assert.False(page.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(5, page.GetProperty("nextPageStart").GetInt32());

        var last = await (await admin.GetAsync(repo.Path + "/browse/README.md?start=10&limit=5", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["line 11", "line 12"], last.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));
        Assert.True(last.GetProperty("isLastPage").GetBoolean());

        var crlf = await (await admin.GetAsync(repo.Path + "/browse/docs/guide.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["guide", "second"], crlf.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));

        var old = await (await admin.GetAsync(repo.Path + $"/browse/src/util.cs?at={repo.First[..8]}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("class Util {}", old.GetProperty("lines")[0].GetProperty("text").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Binary_file_type_and_size_probes_answer_as_bitbucket(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await ContentRepo.CreateAsync(server, "browse-probe", Ct);
        using var admin = server.AdminClient();

        var binary = await (await admin.GetAsync(repo.Path + "/browse/assets/logo.png", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.True(binary.GetProperty("binary").GetBoolean());
        Assert.False(binary.TryGetProperty("lines", out _));

        var type = await (await admin.GetAsync(repo.Path + "/browse/src?type=true", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("DIRECTORY", type.GetProperty("type").GetString());
        var fileType = await (await admin.GetAsync(repo.Path + "/browse/src/util.cs?type=true&at=refs/heads/main", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("FILE", fileType.GetProperty("type").GetString());
        var size = await (await admin.GetAsync(repo.Path + "/browse/assets/logo.png?size=true", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(ContentRepo.Logo.Length, size.GetProperty("size").GetInt64());

        await (await admin.GetAsync(repo.Path + "/browse/nothing-here?type=true", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync(repo.Path + "/browse/assets/logo.png?at=" + repo.First, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync(repo.Path + "/browse?at=no-such-branch", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Hidden_repository_is_404_for_outsiders_and_401_for_anonymous(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await ContentRepo.CreateAsync(server, "browse-hidden", Ct);
        await server.CreateUserAsync("content-outsider-" + provider, Ct);
        using var outsider = server.Client("content-outsider-" + provider);
        using var anonymous = server.Client();

        foreach (var endpoint in new[] { "/browse", "/raw/README.md", "/files", "/last-modified?at=main", "/archive", "/diff", "/changes", "/compare/changes?from=main" })
        {
            await (await outsider.GetAsync(repo.Path + endpoint, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
            await (await anonymous.GetAsync(repo.Path + endpoint, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        }
    }
}
