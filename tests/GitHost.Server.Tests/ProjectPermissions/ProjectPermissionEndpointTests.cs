using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.ProjectPermissions;

public sealed class ProjectPermissionEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Api = "/rest/api/1.0/projects";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Granted_user_sees_the_project_and_loses_it_at_once_when_revoked(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("GRANTED", Ct);
        await server.CreateUserAsync("reader", Ct);
        using var admin = server.AdminClient();
        using var reader = server.Client("reader");
        await (await reader.GetAsync($"{Api}/GRANTED", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/GRANTED/permissions/users?name=reader&permission=project_read", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await reader.GetAsync($"{Api}/GRANTED", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var listed = await (await admin.GetAsync($"{Api}/GRANTED/permissions/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var entry = Assert.Single(listed.GetProperty("values").EnumerateArray());
        Assert.Equal("reader", entry.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("reader", entry.GetProperty("user").GetProperty("slug").GetString());
        Assert.Equal("PROJECT_READ", entry.GetProperty("permission").GetString());
        Assert.Equal(1, await server.OutboxCountAsync("project:permission.granted", "GRANTED"));

        await (await admin.SendEmptyAsync(HttpMethod.Delete, $"{Api}/GRANTED/permissions/users?name=reader", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await reader.GetAsync($"{Api}/GRANTED", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var after = await (await admin.GetAsync($"{Api}/GRANTED/permissions/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Empty(after.GetProperty("values").EnumerateArray());
        Assert.Equal(1, await server.OutboxCountAsync("project:permission.revoked", "GRANTED"));
    }

    [Theory]
    [AllDatabases]
    public async Task Project_admin_grant_lets_the_user_change_the_project_and_write_does_not(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("ACTING", Ct);
        await server.CreateUserAsync("actor", Ct);
        using var admin = server.AdminClient();
        using var actor = server.Client("actor");

        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/ACTING/permissions/users?name=actor&permission=PROJECT_WRITE", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        var denied = await (await actor.PutAsJsonAsync($"{Api}/ACTING", new { description = "by writer" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", denied.ExceptionName());
        await (await actor.GetAsync($"{Api}/ACTING/permissions/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/ACTING/permissions/users?name=actor&permission=PROJECT_ADMIN", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        var changed = await (await actor.PutAsJsonAsync($"{Api}/ACTING", new { description = "by admin" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("by admin", changed.GetProperty("description").GetString());
        var listed = await (await actor.GetAsync($"{Api}/ACTING/permissions/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("PROJECT_ADMIN", Assert.Single(listed.GetProperty("values").EnumerateArray()).GetProperty("permission").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Group_grant_gives_its_members_access_and_revoking_it_takes_it_away(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("GROUPED", Ct);
        var memberId = await server.CreateUserAsync("member", Ct);
        await server.CreateUserAsync("nonmember", Ct);
        await server.InsertGroupAsync("Developers", memberId);
        await server.InsertGroupAsync("Testers");
        using var admin = server.AdminClient();
        using var member = server.Client("member");
        using var nonMember = server.Client("nonmember");

        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/GROUPED/permissions/groups?name=developers&permission=PROJECT_WRITE", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await member.GetAsync($"{Api}/GROUPED", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await nonMember.GetAsync($"{Api}/GROUPED", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var groups = await (await admin.GetAsync($"{Api}/GROUPED/permissions/groups", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var entry = Assert.Single(groups.GetProperty("values").EnumerateArray());
        Assert.Equal("Developers", entry.GetProperty("group").GetProperty("name").GetString());
        Assert.Equal("PROJECT_WRITE", entry.GetProperty("permission").GetString());
        var none = await (await admin.GetAsync($"{Api}/GROUPED/permissions/groups/none", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        // Other tests of this class share the server and add groups of their own.
        Assert.Contains("Testers", none.Strings("name"));
        Assert.DoesNotContain("Developers", none.Strings("name"));

        await (await admin.SendEmptyAsync(HttpMethod.Delete, $"{Api}/GROUPED/permissions/groups?name=Developers", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await member.GetAsync($"{Api}/GROUPED", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Users_without_a_grant_are_listed_with_filter_and_paging(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("NONE", Ct);
        foreach (var name in new[] { "nobody-a", "nobody-b", "nobody-c" })
        {
            await server.CreateUserAsync(name, Ct);
        }

        using var admin = server.AdminClient();
        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/NONE/permissions/users?name=nobody-b&permission=PROJECT_READ", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        var first = await (await admin.GetAsync($"{Api}/NONE/permissions/users/none?filter=NOBODY&limit=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["nobody-a"], first.Strings("name"));
        Assert.False(first.GetProperty("isLastPage").GetBoolean());
        var second = await (await admin.GetAsync($"{Api}/NONE/permissions/users/none?filter=nobody&start={first.GetProperty("nextPageStart").GetInt32()}", Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["nobody-c"], second.Strings("name"));
        Assert.True(second.GetProperty("isLastPage").GetBoolean());
        var filtered = await (await admin.GetAsync($"{Api}/NONE/permissions/users?filter=body-B", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["nobody-b"], filtered.Strings("user", "name"));
    }

    [Theory]
    [AllDatabases]
    public async Task All_users_default_permission_opens_the_project_to_every_licensed_user(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("DEFAULTS", Ct);
        await server.CreateUserAsync("anyone", Ct);
        using var admin = server.AdminClient();
        using var anyone = server.Client("anyone");
        using var anonymous = server.Client();
        var readState = await (await admin.GetAsync($"{Api}/DEFAULTS/permissions/PROJECT_READ/all", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.False(readState.GetProperty("permitted").GetBoolean());

        await (await admin.SendEmptyAsync(HttpMethod.Post, $"{Api}/DEFAULTS/permissions/PROJECT_READ/all?allow=true", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        Assert.True((await (await admin.GetAsync($"{Api}/DEFAULTS/permissions/project_read/all", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("permitted").GetBoolean());
        Assert.False((await (await admin.GetAsync($"{Api}/DEFAULTS/permissions/PROJECT_WRITE/all", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).GetProperty("permitted").GetBoolean());
        await (await anyone.GetAsync($"{Api}/DEFAULTS", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await anonymous.GetAsync($"{Api}/DEFAULTS", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await admin.SendEmptyAsync(HttpMethod.Post, $"{Api}/DEFAULTS/permissions/PROJECT_ADMIN/all?allow=true", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.SendEmptyAsync(HttpMethod.Post, $"{Api}/DEFAULTS/permissions/PROJECT_WRITE/all", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Equal(Permission.ProjectRead, await DefaultOfAsync(server, "DEFAULTS"));

        await (await admin.SendEmptyAsync(HttpMethod.Post, $"{Api}/DEFAULTS/permissions/PROJECT_READ/all?allow=false", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await anyone.GetAsync($"{Api}/DEFAULTS", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal(Permission.None, await DefaultOfAsync(server, "DEFAULTS"));
    }

    [Theory]
    [AllDatabases]
    public async Task Project_list_permission_filter_follows_the_grants(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("FILTERW", Ct);
        await server.CreateProjectAsync("FILTERR", Ct);
        await server.CreateUserAsync("filtered", Ct);
        using var admin = server.AdminClient();
        using var user = server.Client("filtered");
        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/FILTERW/permissions/users?name=filtered&permission=PROJECT_WRITE", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/FILTERR/permissions/users?name=filtered&permission=PROJECT_READ", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        async Task<List<string?>> KeysAsync(string permission) =>
            (await (await user.GetAsync($"{Api}?name=project%20filter&permission={permission}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct)).Strings("key").ToList();

        Assert.Equal(["FILTERR", "FILTERW"], await KeysAsync("PROJECT_READ"));
        Assert.Equal(["FILTERW"], await KeysAsync("project_write"));
        Assert.Empty(await KeysAsync("PROJECT_ADMIN"));
    }

    [Theory]
    [AllDatabases]
    public async Task Bad_grant_requests_are_refused_and_write_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("BADINPUT", Ct);
        await server.CreateUserAsync("victim", Ct);
        using var admin = server.AdminClient();
        var cases = new (string Url, HttpStatusCode Status, string? ExceptionName)[]
        {
            ("users?name=victim&permission=REPO_READ", HttpStatusCode.BadRequest, null),
            ("users?name=victim&permission=PROJECT_VIEW", HttpStatusCode.BadRequest, null),
            ("users?name=victim&permission=SYS_ADMIN", HttpStatusCode.BadRequest, null),
            ("users?name=victim&permission=BOGUS", HttpStatusCode.BadRequest, null),
            ("users?name=victim", HttpStatusCode.BadRequest, null),
            ("users?permission=PROJECT_READ", HttpStatusCode.BadRequest, null),
            ("users?name=..%2F..%2Fadmin&permission=PROJECT_READ", HttpStatusCode.NotFound, "com.atlassian.bitbucket.user.NoSuchUserException"),
            ("users?name=victim&name=ghost&permission=PROJECT_READ", HttpStatusCode.NotFound, "com.atlassian.bitbucket.user.NoSuchUserException"),
            ("groups?name=ghosts&permission=PROJECT_READ", HttpStatusCode.NotFound, "com.atlassian.bitbucket.user.NoSuchGroupException"),
        };

        foreach (var (url, status, exceptionName) in cases)
        {
            var error = await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/BADINPUT/permissions/{url}", Ct)).ExpectAsync(status, Ct);
            if (exceptionName is not null)
            {
                Assert.Equal(exceptionName, error.ExceptionName());
            }
        }

        var missing = await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/NOSUCH/permissions/users?name=victim&permission=PROJECT_READ", Ct))
            .ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal("com.atlassian.bitbucket.project.NoSuchProjectException", missing.ExceptionName());
        var written = await server.WithDatabaseAsync(db =>
            db.ProjectUserPermissions.CountAsync(g => db.Projects.Any(p => p.Id == g.ProjectId && p.Key == "BADINPUT")));
        Assert.Equal(0, written);
        Assert.Equal(0, await server.OutboxCountAsync("project:permission.granted", "BADINPUT"));
    }

    [Theory]
    [AllDatabases]
    public async Task Only_project_admins_manage_permissions(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("GUARDED", Ct);
        await server.CreateUserAsync("writer", Ct);
        await server.CreateUserAsync("stranger", Ct);
        using var admin = server.AdminClient();
        using var writer = server.Client("writer");
        using var stranger = server.Client("stranger");
        using var anonymous = server.Client();
        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/GUARDED/permissions/users?name=writer&permission=PROJECT_WRITE", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await writer.SendEmptyAsync(HttpMethod.Put, $"{Api}/GUARDED/permissions/users?name=writer&permission=PROJECT_ADMIN", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await writer.SendEmptyAsync(HttpMethod.Post, $"{Api}/GUARDED/permissions/PROJECT_READ/all?allow=true", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await writer.GetAsync($"{Api}/GUARDED/permissions/groups", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await stranger.GetAsync($"{Api}/GUARDED/permissions/users", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await anonymous.GetAsync($"{Api}/GUARDED/permissions/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        var grant = await server.WithDatabaseAsync(db => db.ProjectUserPermissions.SingleAsync(g => db.Projects.Any(p => p.Id == g.ProjectId && p.Key == "GUARDED")));
        Assert.Equal(Permission.ProjectWrite, grant.Permission);
        Assert.Equal(Permission.None, await DefaultOfAsync(server, "GUARDED"));
    }

    [Theory]
    [AllDatabases]
    public async Task A_project_admin_cannot_lower_their_own_permission(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("SELFISH", Ct);
        var selfId = await server.CreateUserAsync("selfadmin", Ct);
        using var admin = server.AdminClient();
        using var self = server.Client("selfadmin");
        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/SELFISH/permissions/users?name=selfadmin&permission=PROJECT_ADMIN", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await self.SendEmptyAsync(HttpMethod.Put, $"{Api}/SELFISH/permissions/users?name=selfadmin&permission=PROJECT_READ", Ct)).ExpectAsync(HttpStatusCode.Forbidden, Ct);
        await (await self.SendEmptyAsync(HttpMethod.Delete, $"{Api}/SELFISH/permissions/users?name=selfadmin", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        var kept = await server.WithDatabaseAsync(db => db.ProjectUserPermissions.SingleAsync(g => g.UserId == selfId));
        Assert.Equal(Permission.ProjectAdmin, kept.Permission);
        Assert.Equal(0, await server.OutboxCountAsync("project:permission.revoked", "SELFISH"));

        // With admin through a group, the direct grant is no longer the last one and may go.
        await server.InsertGroupAsync("Selfish admins", selfId);
        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/SELFISH/permissions/groups?name=selfish%20admins&permission=PROJECT_ADMIN", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await self.SendEmptyAsync(HttpMethod.Delete, $"{Api}/SELFISH/permissions/users?name=selfadmin", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await self.GetAsync($"{Api}/SELFISH/permissions/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
    }

    private static Task<Permission> DefaultOfAsync(GitHostTestServer server, string key) =>
        server.WithDatabaseAsync(db => db.Projects.Where(p => p.Key == key).Select(p => p.DefaultPermission).SingleAsync());
}
