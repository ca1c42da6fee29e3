using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.Merges;

/// <summary>Many first writes of the same scope's pull request settings at once: every one succeeds, one document is kept.</summary>
public sealed class ConcurrentSettingsWriteTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const int Writers = 8;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Concurrent_first_writes_of_repository_settings_all_succeed_and_keep_one_document(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repositoryId = await server.CreateRepositoryAsync("PRCW", "raced-" + provider.ToString().ToLowerInvariant(), Ct);
        var path = $"/rest/api/1.0/projects/PRCW/repos/raced-{provider.ToString().ToLowerInvariant()}/settings/pull-requests";

        var statuses = await PostAllAsync(server, path);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.ScopedSettings.CountAsync(
            s => s.Kind == "pull-requests" && s.ScopeType == SettingsScope.Repository && s.ScopeId == repositoryId, Ct)));
        using var admin = server.AdminClient();
        var settings = await (await admin.GetAsync(path, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("2", settings.GetProperty("requiredApprovers").GetProperty("count").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Concurrent_first_writes_of_project_settings_all_succeed_and_keep_one_document(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var key = "PRCP" + (int)provider;
        await server.CreateProjectAsync(key, Ct);
        var path = $"/rest/api/1.0/projects/{key}/settings/pull-requests/git";

        var statuses = await PostAllAsync(server, path);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.ScopedSettings.CountAsync(
            s => s.Kind == "pull-requests" && s.ScopeType == SettingsScope.Project && s.ScopeId == db.Projects.Single(p => p.Key == key).Id, Ct)));
    }

    private static async Task<HttpStatusCode[]> PostAllAsync(GitHostTestServer server, string path) =>
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            using var admin = server.AdminClient();
            using var response = await admin.PostAsJsonAsync(path, new { requiredApprovers = new { enabled = true, count = "2" } }, Ct);
            return response.StatusCode;
        }));
}
