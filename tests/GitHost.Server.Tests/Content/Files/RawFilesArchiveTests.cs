using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Content.Files;

public sealed class RawFilesArchiveTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Raw_returns_the_exact_bytes_of_text_and_binary_files(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await ContentRepo.CreateAsync(server, "raw", Ct);
        using var admin = server.AdminClient();

        using var binary = await admin.GetAsync(repo.Path + "/raw/assets/logo.png", Ct);
        Assert.Equal(HttpStatusCode.OK, binary.StatusCode);
        Assert.Equal(ContentRepo.Logo, await binary.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("image/png", binary.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", binary.Headers.GetValues("X-Content-Type-Options").Single());

        using var text = await admin.GetAsync(repo.Path + "/raw/docs/guide.txt?at=" + repo.First, Ct);
        Assert.Equal("guide\r\nsecond\r\n"u8.ToArray(), await text.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("text/plain", text.Content.Headers.ContentType!.MediaType);

        await (await admin.GetAsync(repo.Path + "/raw/src", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync(repo.Path + "/raw/missing.txt", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Files_lists_every_file_recursively_relative_to_the_folder(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await ContentRepo.CreateAsync(server, "files", Ct);
        using var admin = server.AdminClient();

        var all = await (await admin.GetAsync(repo.Path + "/files", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["README.md", "assets/logo.png", "docs/guide.txt", "src/app/main.cs", "src/util.cs"],
            all.GetProperty("values").EnumerateArray().Select(v => v.GetString()));

        var src = await (await admin.GetAsync(repo.Path + "/files/src?limit=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["app/main.cs"], src.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.False(src.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(1, src.GetProperty("nextPageStart").GetInt32());

        await (await admin.GetAsync(repo.Path + "/files/README.md", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync(repo.Path + "/files/nope", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Last_modified_names_the_commit_that_last_touched_each_child(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await ContentRepo.CreateAsync(server, "lastmod", Ct);
        await server.CreateUserAsync("author", Ct);
        using var admin = server.AdminClient();

        var found = await (await admin.GetAsync(repo.Path + "/last-modified/src?at=main", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var files = found.GetProperty("files");
        Assert.Equal(repo.First, files.GetProperty("app").GetProperty("id").GetString());
        Assert.Equal(repo.Second, files.GetProperty("util.cs").GetProperty("id").GetString());
        Assert.Equal("second", files.GetProperty("util.cs").GetProperty("message").GetString());
        Assert.Equal(repo.First, files.GetProperty("util.cs").GetProperty("parents")[0].GetProperty("id").GetString());
        Assert.Equal(repo.Second, found.GetProperty("latestCommit").GetProperty("id").GetString());
        Assert.Equal(repo.Second[..11], found.GetProperty("latestCommit").GetProperty("displayId").GetString());

        // Authors whose e-mail belongs to a GitHost user are shown as that user, as in commit lists.
        var author = files.GetProperty("app").GetProperty("author");
        Assert.Equal("author", author.GetProperty("slug").GetString());
        Assert.Equal(JsonValueKind.Number, author.GetProperty("id").ValueKind);
        Assert.False(files.GetProperty("app").GetProperty("committer").TryGetProperty("slug", out _));

        await (await admin.GetAsync(repo.Path + "/last-modified", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Zip_archive_holds_the_tree_under_the_prefix_and_is_named_like_bitbucket(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await ContentRepo.CreateAsync(server, "zip", Ct);
        using var admin = server.AdminClient();

        using var response = await admin.GetAsync(repo.Path + "/archive?at=main&prefix=pre", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"zip-main@{repo.Second[..7]}.zip", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)));
        var logo = zip.GetEntry("pre/assets/logo.png")!;
        using var stream = new MemoryStream();
        await using (var entry = await logo.OpenAsync(Ct))
        {
            await entry.CopyToAsync(stream, Ct);
        }

        Assert.Equal(ContentRepo.Logo, stream.ToArray());
        Assert.NotNull(zip.GetEntry("pre/src/app/main.cs"));
    }

    [Theory]
    [AllDatabases]
    public async Task Tar_gz_archive_holds_only_the_paths_asked_for(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await ContentRepo.CreateAsync(server, "tgz", Ct);
        using var admin = server.AdminClient();

        using var response = await admin.GetAsync(repo.Path + $"/archive?format=tar.gz&at={repo.First}&path=src&path=README.md", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(repo.First, response.Content.Headers.ContentDisposition!.ToString());
        await using var gzip = new GZipStream(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (await tar.GetNextEntryAsync(cancellationToken: Ct) is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                names.Add(entry.Name);
            }
        }

        Assert.Equal(["README.md", "src/app/main.cs", "src/util.cs"], names.Order(StringComparer.Ordinal));
        await (await admin.GetAsync(repo.Path + "/archive?format=rar", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync(repo.Path + "/archive?path=missing", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }
}
