using System.Net;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.RepositoryPermissions;

public sealed class RepositoryPermissionEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Api = "/rest/api/1.0/projects";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Repository_admin_grant_lets_the_user_manage_it_and_see_the_project_until_revoked(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("REPOGRANT", Ct);
        await server.InsertRepositoryAsync("REPOGRANT", "app");
        await server.CreateUserAsync("repoadmin", Ct);
        using var admin = server.AdminClient();
        using var user = server.Client("repoadmin");
        await (await user.GetAsync($"{Api}/REPOGRANT/repos/app/permissions/users", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/REPOGRANT/repos/app/permissions/users?name=repoadmin&permission=repo_admin", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        var listed = await (await user.GetAsync($"{Api}/repogrant/repos/APP/permissions/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var entry = Assert.Single(listed.GetProperty("values").EnumerateArray());
        Assert.Equal("repoadmin", entry.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("REPO_ADMIN", entry.GetProperty("permission").GetString());
        await (await user.GetAsync($"{Api}/REPOGRANT", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(1, await server.OutboxCountAsync("repo:permission.granted", "REPOGRANT"));

        await (await admin.SendEmptyAsync(HttpMethod.Delete, $"{Api}/REPOGRANT/repos/app/permissions/users?name=repoadmin", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await user.GetAsync($"{Api}/REPOGRANT/repos/app/permissions/users", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await user.GetAsync($"{Api}/REPOGRANT", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal(1, await server.OutboxCountAsync("repo:permission.revoked", "REPOGRANT"));
    }

    [Theory]
    [AllDatabases]
    public async Task Write_access_is_not_enough_to_manage_repository_permissions(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("REPOWRITE", Ct);
        await server.InsertRepositoryAsync("REPOWRITE", "app");
        await server.CreateUserAsync("repowriter", Ct);
        using var admin = server.AdminClient();
        using var writer = server.Client("repowriter");
        using var anonymous = server.Client();
        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/REPOWRITE/repos/app/permissions/users?name=repowriter&permission=REPO_WRITE", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        var denied = await (await writer.GetAsync($"{Api}/REPOWRITE/repos/app/permissions/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", denied.ExceptionName());
        await (await writer.SendEmptyAsync(HttpMethod.Put, $"{Api}/REPOWRITE/repos/app/permissions/users?name=repowriter&permission=REPO_ADMIN", Ct))
            .ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await anonymous.GetAsync($"{Api}/REPOWRITE/repos/app/permissions/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        var grant = await server.WithDatabaseAsync(db => db.RepositoryUserPermissions.SingleAsync(g => db.Repositories.Any(r => r.Id == g.RepositoryId && r.Slug == "app"
            && db.Projects.Any(p => p.Id == r.ProjectId && p.Key == "REPOWRITE"))));
        Assert.Equal(Permission.RepoWrite, grant.Permission);
    }

    [Theory]
    [AllDatabases]
    public async Task Project_admins_manage_repository_permissions_and_groups_work(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("REPOGROUP", Ct);
        await server.InsertRepositoryAsync("REPOGROUP", "lib");
        await server.InsertRepositoryAsync("REPOGROUP", "other");
        await server.CreateUserAsync("projadmin", Ct);
        var memberId = await server.CreateUserAsync("libmember", Ct);
        await server.InsertGroupAsync("Lib readers", memberId);
        await server.InsertGroupAsync("Lib bystanders");
        using var admin = server.AdminClient();
        using var projectAdmin = server.Client("projadmin");
        using var member = server.Client("libmember");
        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/REPOGROUP/permissions/users?name=projadmin&permission=PROJECT_ADMIN", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await projectAdmin.SendEmptyAsync(HttpMethod.Put, $"{Api}/REPOGROUP/repos/lib/permissions/groups?name=lib%20readers&permission=REPO_READ", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        var groups = await (await projectAdmin.GetAsync($"{Api}/REPOGROUP/repos/lib/permissions/groups", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["Lib readers"], groups.Strings("group", "name"));
        Assert.Equal(["REPO_READ"], groups.Strings("permission"));
        var none = await (await projectAdmin.GetAsync($"{Api}/REPOGROUP/repos/lib/permissions/groups/none?filter=lib", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["Lib bystanders"], none.Strings("name"));
        var usersNone = await (await projectAdmin.GetAsync($"{Api}/REPOGROUP/repos/lib/permissions/users/none?filter=libmember", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["libmember"], usersNone.Strings("name"));
        await (await member.GetAsync($"{Api}/REPOGROUP", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await (await projectAdmin.SendEmptyAsync(HttpMethod.Delete, $"{Api}/REPOGROUP/repos/lib/permissions/groups?name=Lib%20readers", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await member.GetAsync($"{Api}/REPOGROUP", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Bad_repository_grant_requests_are_refused_and_write_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("REPOBAD", Ct);
        var repositoryId = await server.InsertRepositoryAsync("REPOBAD", "app");
        await server.CreateUserAsync("repovictim", Ct);
        using var admin = server.AdminClient();
        var cases = new (string Url, HttpStatusCode Status, string? ExceptionName)[]
        {
            ("REPOBAD/repos/app/permissions/users?name=repovictim&permission=PROJECT_READ", HttpStatusCode.BadRequest, null),
            ("REPOBAD/repos/app/permissions/users?name=repovictim&permission=ADMIN", HttpStatusCode.BadRequest, null),
            ("REPOBAD/repos/app/permissions/users?name=repovictim&permission=", HttpStatusCode.BadRequest, null),
            ("REPOBAD/repos/app/permissions/users?permission=REPO_READ", HttpStatusCode.BadRequest, null),
            ("REPOBAD/repos/app/permissions/users?name=repovictim%2F..&permission=REPO_READ", HttpStatusCode.NotFound, "com.atlassian.bitbucket.user.NoSuchUserException"),
            ("REPOBAD/repos/app/permissions/groups?name=nobody-here&permission=REPO_READ", HttpStatusCode.NotFound, "com.atlassian.bitbucket.user.NoSuchGroupException"),
            ("REPOBAD/repos/missing/permissions/users?name=repovictim&permission=REPO_READ", HttpStatusCode.NotFound, "com.atlassian.bitbucket.repository.NoSuchRepositoryException"),
            ("REPOBAD/repos/..%2Fapp/permissions/users?name=repovictim&permission=REPO_READ", HttpStatusCode.NotFound, null),
        };

        foreach (var (url, status, exceptionName) in cases)
        {
            var error = await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/{url}", Ct)).ExpectAsync(status, Ct);
            if (exceptionName is not null)
            {
                Assert.Equal(exceptionName, error.ExceptionName());
            }
        }

        Assert.Equal(0, await server.WithDatabaseAsync(db => db.RepositoryUserPermissions.CountAsync(g => g.RepositoryId == repositoryId)));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.RepositoryGroupPermissions.CountAsync(g => g.RepositoryId == repositoryId)));
    }

    [Theory]
    [AllDatabases]
    public async Task A_repository_admin_cannot_revoke_their_own_admin(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("REPOSELF", Ct);
        var repositoryId = await server.InsertRepositoryAsync("REPOSELF", "app");
        await server.CreateUserAsync("repoself", Ct);
        using var admin = server.AdminClient();
        using var self = server.Client("repoself");
        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/REPOSELF/repos/app/permissions/users?name=repoself&permission=REPO_ADMIN", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await self.SendEmptyAsync(HttpMethod.Delete, $"{Api}/REPOSELF/repos/app/permissions/users?name=repoself", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await self.SendEmptyAsync(HttpMethod.Put, $"{Api}/REPOSELF/repos/app/permissions/users?name=repoself&permission=REPO_WRITE", Ct)).ExpectAsync(HttpStatusCode.Forbidden, Ct);

        var kept = await server.WithDatabaseAsync(db => db.RepositoryUserPermissions.SingleAsync(g => g.RepositoryId == repositoryId));
        Assert.Equal(Permission.RepoAdmin, kept.Permission);
        await (await self.GetAsync($"{Api}/REPOSELF/repos/app/permissions/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
    }
}
