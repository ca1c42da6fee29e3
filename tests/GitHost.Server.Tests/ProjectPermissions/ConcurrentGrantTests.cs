using System.Net;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.ProjectPermissions;

public sealed class ConcurrentGrantTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Identical_grants_racing_each_other_all_succeed_and_leave_one_row(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("RACE", Ct);
        var userId = await server.CreateUserAsync("racer", Ct);
        await server.CreateUserAsync("racer-two", Ct);

        var requests = Enumerable.Range(0, 8).Select(async i =>
        {
            using var admin = server.AdminClient();
            var path = i % 2 == 0
                ? "/rest/api/1.0/projects/RACE/permissions/users?name=racer&permission=PROJECT_WRITE"
                : "/rest/api/1.0/admin/permissions/users?name=racer-two&permission=PROJECT_CREATE";
            using var response = await admin.SendEmptyAsync(HttpMethod.Put, path, Ct);
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(requests);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NoContent, status));
        var grants = await server.WithDatabaseAsync(db => Task.FromResult(db.ProjectUserPermissions.Count(g => g.UserId == userId)));
        Assert.Equal(1, grants);
    }
}
