using System.Net.Http.Json;
using GitHost.Testing;
using Xunit;

namespace GitHost.E2E.Tests;

/// <summary>What the tests browse, made as a developer would: the project and repository through REST, the files pushed with git over HTTP.</summary>
internal static class Seeding
{
    public static async Task ProjectAsync(BrowserServer fixture, string key, string name, CancellationToken cancellationToken)
    {
        using var admin = fixture.Server.AdminClient();
        (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key, name }, cancellationToken)).EnsureSuccessStatusCode();
    }

    /// <summary>A repository named <paramref name="slug"/> with one commit on main holding <paramref name="files"/>.</summary>
    public static async Task RepositoryAsync(
        BrowserServer fixture, string key, string slug, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        using var admin = fixture.Server.AdminClient();
        (await admin.PostAsJsonAsync($"/rest/api/1.0/projects/{key}/repos", new { name = slug }, cancellationToken)).EnsureSuccessStatusCode();
        using var tree = await GitWorkTree.InitAsync(cancellationToken);
        foreach (var (path, content) in files)
        {
            await tree.WriteAsync(path, content);
        }

        await tree.CommitAsync("First commit", cancellationToken);
        var pushed = await tree.PushAsync(fixture.AdminRemote(key, slug), cancellationToken, "main");
        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
    }
}
