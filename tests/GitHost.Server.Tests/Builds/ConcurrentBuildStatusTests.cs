using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Builds;

/// <summary>CI systems often report the same build more than once at the same moment: every post succeeds, one status is kept.</summary>
public sealed class ConcurrentBuildStatusTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Concurrent_first_posts_of_one_key_all_succeed_and_keep_one_status(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "BLDC", "raced-" + provider.ToString().ToLowerInvariant(), Ct);
        var builds = $"{repo.Api}/commits/{repo.FeatureHead}/builds";

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var admin = server.AdminClient();
            using var response = await admin.PostAsJsonAsync(builds, new { key = "ci", state = "SUCCESSFUL", url = $"https://ci.example.com/{i}" }, Ct);
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NoContent, s));
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.BuildStatuses.CountAsync(
            b => b.RepositoryId == repo.Id && b.CommitId == repo.FeatureHead && b.Key == "ci", Ct)));
        using var reader = server.AdminClient();
        var status = await (await reader.GetAsync(builds + "?key=ci", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("SUCCESSFUL", status.GetProperty("state").GetString());
    }
}
