using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Builds;

/// <summary><c>/rest/build-status/1.0</c>: first posts of one key arriving together all succeed and keep one status.</summary>
public sealed class LegacyBuildStatusRaceTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Concurrent_first_legacy_posts_of_one_key_keep_one_status(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var sha = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "0badcafe";
        var url = "/rest/build-status/1.0/commits/" + sha;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var admin = server.AdminClient();
            using var response = await admin.PostAsJsonAsync(url, new { key = "legacy-ci", state = "INPROGRESS", url = $"https://ci.example.com/{i}" }, Ct);
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NoContent, s));
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.BuildStatuses.CountAsync(b => b.RepositoryId == null && b.CommitId == sha && b.Key == "legacy-ci", Ct)));
        using var reader = server.AdminClient();
        var page = await (await reader.GetAsync(url, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(1, page.GetProperty("size").GetInt32());
    }
}
