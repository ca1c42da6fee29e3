using System.Net;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Server.Tests.Users;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.GlobalPermissions;

public sealed class GlobalPermissionEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Users = "/rest/api/1.0/admin/permissions/users";
    private const string Groups = "/rest/api/1.0/admin/permissions/groups";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Grant_lists_and_revoke_takes_effect_at_once(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await server.CreateUserAsync("promoted-a", Ct);
        await server.CreateUserAsync("promoted-b", Ct);
        using var promoted = server.Client("promoted-a");
        await (await promoted.GetAsync("/rest/api/1.0/admin/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        await (await admin.PutAsync($"{Users}?name=promoted-a&name=promoted-b&permission=admin", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        var page = await (await admin.GetAsync($"{Users}?filter=promoted", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var rows = page.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(["promoted-a", "promoted-b"], rows.Select(r => r.GetProperty("user").GetProperty("name").GetString()!).ToArray());
        Assert.All(rows, r => Assert.Equal("ADMIN", r.GetProperty("permission").GetString()));
        await (await promoted.GetAsync("/rest/api/1.0/admin/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await (await admin.DeleteAsync($"{Users}?name=promoted-a", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await promoted.GetAsync("/rest/api/1.0/admin/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var none = await (await admin.GetAsync($"{Users}/none?filter=promoted", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("promoted-a", Assert.Single(none.GetProperty("values").EnumerateArray()).GetProperty("name").GetString());
        Assert.True(await server.WithDatabaseAsync(db => db.OutboxMessages.AnyAsync(m => m.EventKey == "permission:global.changed" && m.Payload.Contains("promoted-b"), Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Group_grants_are_listed_with_group_names(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("perm-creators", Ct);
        await admin.CreateGroupAsync("perm-nothing", Ct);

        await (await admin.GrantAsync("groups", "perm-creators", "PROJECT_CREATE", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        var page = await (await admin.GetAsync($"{Groups}?filter=perm-", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var row = Assert.Single(page.GetProperty("values").EnumerateArray());
        Assert.Equal("perm-creators", row.GetProperty("group").GetProperty("name").GetString());
        Assert.Equal("PROJECT_CREATE", row.GetProperty("permission").GetString());
        var none = await (await admin.GetAsync($"{Groups}/none?filter=perm-", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("perm-nothing", Assert.Single(none.GetProperty("values").EnumerateArray()).GetProperty("name").GetString());

        await (await admin.DeleteAsync($"{Groups}?name=perm-creators", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var after = await (await admin.GetAsync($"{Groups}?filter=perm-", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Empty(after.GetProperty("values").EnumerateArray());
    }

    [Theory]
    [AllDatabases]
    public async Task Malformed_grants_are_rejected(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await server.CreateUserAsync("perm-target", Ct);

        await (await admin.PutAsync($"{Users}?name=perm-target&permission=EMPEROR", null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PutAsync($"{Users}?name=perm-target&permission=REPO_ADMIN", null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PutAsync($"{Users}?name=perm-target", null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PutAsync($"{Users}?permission=ADMIN", null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PutAsync($"{Users}?name=nobody-at-all&permission=ADMIN", null, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.PutAsync($"{Groups}?name=no-group&permission=ADMIN", null, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.False(await server.WithDatabaseAsync(db => db.GlobalUserPermissions.AnyAsync(g => db.Users.Any(u => u.Id == g.UserId && u.UserName == "perm-target"), Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Non_admins_are_refused_and_anonymous_callers_must_authenticate(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("perm-climber", Ct, Permission.ProjectCreate);
        using var climber = server.Client("perm-climber");
        using var anonymous = server.Client();

        foreach (var client in new[] { climber, anonymous })
        {
            await (await client.GetAsync(Users, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            await (await client.GetAsync($"{Groups}/none", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            await (await client.PutAsync($"{Users}?name=perm-climber&permission=SYS_ADMIN", null, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            await (await client.DeleteAsync($"{Users}?name=admin", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        }

        var denied = await (await climber.GetAsync(Users, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", denied.ExceptionName());
        using var admin = server.AdminClient();
        await (await admin.GetAsync(Users, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Admin_cannot_grant_above_own_level_or_change_a_sys_admin(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("mid-admin", Ct, Permission.Admin);
        await server.CreateUserAsync("mid-target", Ct);
        using var mid = server.Client("mid-admin");

        await (await mid.PutAsync($"{Users}?name=mid-target&permission=SYS_ADMIN", null, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await mid.PutAsync($"{Users}?name=admin&permission=LICENSED_USER", null, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await mid.DeleteAsync($"{Users}?name=admin", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await mid.PutAsync($"{Users}?name=mid-target&permission=ADMIN", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        using var admin = server.AdminClient();
        await (await admin.GetAsync(Users, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var level = await server.WithDatabaseAsync(db => db.GlobalUserPermissions.Where(g => db.Users.Any(u => u.Id == g.UserId && u.UserName == "mid-target"))
            .Select(g => g.Permission).SingleAsync(Ct));
        Assert.Equal(Permission.Admin, level);
    }

    [Theory]
    [AllDatabases]
    public async Task Lowering_your_own_level_is_a_conflict(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("self-demoter", Ct, Permission.SysAdmin);
        using var self = server.Client("self-demoter");

        var error = await (await self.PutAsync($"{Users}?name=self-demoter&permission=ADMIN", null, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        Assert.Contains("own", error.GetProperty("errors")[0].GetProperty("message").GetString());
        await (await self.DeleteAsync($"{Users}?name=self-demoter", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        // Nothing was half-written: still SYS_ADMIN, and allowed to raise someone else to SYS_ADMIN.
        await server.CreateUserAsync("raised", Ct);
        await (await self.PutAsync($"{Users}?name=raised&permission=SYS_ADMIN", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var level = await server.WithDatabaseAsync(db => db.GlobalUserPermissions.Where(g => db.Users.Any(u => u.Id == g.UserId && u.UserName == "self-demoter"))
            .Select(g => g.Permission).SingleAsync(Ct));
        Assert.Equal(Permission.SysAdmin, level);
    }
}
