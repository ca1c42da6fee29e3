using System.Net;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Content.Files;

/// <summary>
/// Hostile paths and revisions: a 400 or 404, and never a byte from outside the repository's objects.
/// (Plain and %2e dot segments are resolved by the client or Kestrel before routing, so they reach
/// another endpoint rather than a path; encoded separators keep them inside a path.)
/// </summary>
public sealed class ContentBadInputTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> HostilePaths =>
    [
        "/raw/../config",
        "/raw/..%2f..%2fconfig",
        "/raw/%2e%2e/%2e%2e/config",
        "/raw/src/..%2F..%2Fconfig",
        "/raw/%2Fetc%2Fpasswd",
        "/raw//etc/passwd",
        "/raw/src%5c..%5c..%5cconfig",
        "/raw/src\\..\\config",
        "/raw/README.md%00.png",
        "/raw/a%0d%0aSet-Cookie:x",
        "/browse/src%2f.%2fREADME.md",
        "/browse/src//util.cs",
        "/files/src%2f%2e%2e%2f%2e%2e",
        "/diff/..%2fconfig",
        "/archive?path=../config",
        "/archive?prefix=../../x",
        "/raw/" + new string('a', 5000),
    ];

    public static TheoryData<string> HostileRevisions =>
    [
        "-x", "--output=/tmp/pwned", "main..HEAD", "main\0", "HEAD~1", "main^", "@{-1}", "a b", "refs/heads/../config", "main:README.md",
    ];

    [Theory]
    [MemberData(nameof(HostilePaths))]
    public async Task Hostile_paths_are_refused_and_reveal_nothing(string path)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var repo = await RepoAsync(server);
        using var admin = server.AdminClient();

        using var response = await admin.GetAsync(repo + path, Ct);

        Assert.Contains((int)response.StatusCode, new[] { 400, 404 });
        // Kestrel itself refuses some (NUL in the path) before GitHost sees them, without Bitbucket's envelope.
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("[core]", body);
        Assert.DoesNotContain("root:", body);
    }

    [Theory]
    [MemberData(nameof(HostileRevisions))]
    public async Task Hostile_revisions_are_a_bad_request(string at)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var repo = await RepoAsync(server);
        using var admin = server.AdminClient();
        var escaped = Uri.EscapeDataString(at);

        foreach (var endpoint in new[] { "/browse?at=", "/raw/README.md?at=", "/archive?at=", "/diff?until=", "/changes?since=", "/compare/changes?from=" })
        {
            await (await admin.GetAsync(repo + endpoint + escaped, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        }
    }

    [Fact]
    public async Task Browse_reads_no_further_than_the_scan_cap()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:Content:MaxBrowseScanBytes"] = "4096",
        });
        var seeded = await server.SeedRepositoryAsync("CAP", "big", async tree =>
        {
            await tree.WriteAsync("big.txt", ContentRepo.Lines(5000));
            await tree.CommitAsync("big", Ct);
        }, Ct);
        using var admin = server.AdminClient();

        var first = await (await admin.GetAsync(seeded.Api + "/browse/big.txt?limit=20000", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var lines = first.GetProperty("lines").GetArrayLength();
        Assert.InRange(lines, 1, 1000);
        Assert.False(first.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(lines, first.GetProperty("nextPageStart").GetInt32());

        await (await admin.GetAsync(seeded.Api + "/browse/big.txt?start=4000", Ct)).ExpectAsync(HttpStatusCode.RequestEntityTooLarge, Ct);
        using var raw = await admin.GetAsync(seeded.Api + "/raw/big.txt", Ct);
        Assert.Equal(ContentRepo.Lines(5000).Length, (await raw.Content.ReadAsByteArrayAsync(Ct)).Length);
    }

    private static async Task<string> RepoAsync(GitHostTestServer server)
    {
        const string path = "/rest/api/1.0/projects/CONTENT/repos/hostile";
        using var admin = server.AdminClient();
        if ((await admin.GetAsync(path, Ct)).StatusCode == HttpStatusCode.NotFound)
        {
            try
            {
                await ContentRepo.CreateAsync(server, "hostile", Ct);
            }
            catch (Xunit.Sdk.XunitException)
            {
                // Another row of the table created it first.
            }
        }

        return path;
    }
}
