using GitHost.Server.Tests.TestData;
using GitHost.Testing;

namespace GitHost.Server.Tests.Content.Files;

/// <summary>A repository with known content: text, nested folders, a binary file and two commits.</summary>
internal sealed record ContentRepo(string Path, string First, string Second)
{
    public static readonly byte[] Logo = [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0xFF, 0x0A, 0x00, 0x7F];

    public static string Lines(int count) => string.Concat(Enumerable.Range(1, count).Select(i => $"line {i}\n"));

    public static async Task<ContentRepo> CreateAsync(GitHostTestServer server, string slug, CancellationToken ct)
    {
        string first = "", second = "";
        var seeded = await server.SeedRepositoryAsync("CONTENT", slug, async tree =>
        {
            await tree.WriteAsync("README.md", Lines(12));
            await tree.WriteAsync("src/app/main.cs", "class Main {}\n");
            await tree.WriteAsync("src/util.cs", "class Util {}");
            await tree.WriteAsync("docs/guide.txt", "guide\r\nsecond\r\n");
            first = await tree.CommitAsync("first", ct);
            await tree.WriteAsync("assets/logo.png", Logo);
            await tree.WriteAsync("src/util.cs", "class Util { }\n");
            second = await tree.CommitAsync("second", ct);
        }, ct);
        return new ContentRepo(seeded.Api, first, second);
    }
}
