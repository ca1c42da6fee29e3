using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Server.Tests.Users;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Groups;

public sealed class GroupEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Group_is_created_listed_and_deleted(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();

        var created = await (await admin.PostAsync("/rest/api/1.0/admin/groups?name=Life%20Cycle", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("Life Cycle", created.GetProperty("name").GetString());
        Assert.True(created.GetProperty("deletable").GetBoolean());

        var page = await (await admin.GetAsync("/rest/api/1.0/admin/groups?filter=life", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("Life Cycle", Assert.Single(page.GetProperty("values").EnumerateArray()).GetProperty("name").GetString());

        var deleted = await (await admin.DeleteAsync("/rest/api/1.0/admin/groups?name=life%20cycle", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("Life Cycle", deleted.GetProperty("name").GetString());
        await (await admin.DeleteAsync("/rest/api/1.0/admin/groups?name=life%20cycle", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(m => m.EventKey == "group:deleted" && m.Payload.Contains("Life Cycle"), Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Duplicate_group_is_a_conflict_ignoring_case(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("twins", Ct);

        var error = await (await admin.PostAsync("/rest/api/1.0/admin/groups?name=TWINS", null, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal("com.atlassian.bitbucket.DuplicateEntityException", error.ExceptionName());
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.Groups.CountAsync(g => g.NormalizedName == "twins", Ct)));
    }

    public static TheoryData<DatabaseProvider, string> BadNames()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var name in new[] { "", " padded", new string('g', 300), "grp\u202Eexe", "g\u200Bg", "tab\tname" })
            {
                data.Add(provider, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Malformed_group_names_are_rejected_and_nothing_is_written(DatabaseProvider provider, string name)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var before = await server.WithDatabaseAsync(db => db.Groups.CountAsync(Ct));

        await (await admin.PostAsync("/rest/api/1.0/admin/groups?name=" + Uri.EscapeDataString(name), null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(before, await server.WithDatabaseAsync(db => db.Groups.CountAsync(Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Non_admins_cannot_manage_groups(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("guarded", Ct);
        await server.CreateUserAsync("group-peasant", Ct);
        using var user = server.Client("group-peasant");
        using var anonymous = server.Client();

        foreach (var client in new[] { user, anonymous })
        {
            await (await client.PostAsync("/rest/api/1.0/admin/groups?name=mine", null, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            await (await client.DeleteAsync("/rest/api/1.0/admin/groups?name=guarded", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            await (await client.GetAsync("/rest/api/1.0/admin/groups", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            await (await client.PostAsJsonAsync("/rest/api/1.0/admin/users/add-groups", new { user = "group-peasant", groups = new[] { "guarded" } }, Ct))
                .ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        }

        Assert.Equal(0, await server.WithDatabaseAsync(db => db.GroupMembers.CountAsync(m => db.Groups.Any(g => g.Id == m.GroupId && g.Name == "guarded"), Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Membership_is_managed_with_new_and_legacy_calls(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("crew", Ct);
        await admin.CreateGroupAsync("crew-b", Ct);
        await server.CreateUserAsync("crew-1", Ct);
        await server.CreateUserAsync("crew-2", Ct);
        await server.CreateUserAsync("crew-3", Ct);

        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/groups/add-users", new { group = "crew", users = new[] { "crew-1", "crew-2" } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/users/add-group", new { context = "crew-3", itemName = "crew" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/groups/add-user", new { context = "crew-b", itemName = "crew-1" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/groups/remove-user", new { context = "crew", itemName = "crew-2" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/users/remove-group", new { context = "crew-3", itemName = "crew" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/users/add-groups", new { user = "crew-2", groups = new[] { "crew", "no-such-group" } }, Ct))
            .ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.Equal(["crew-1"], await ValuesAsync(admin, "/rest/api/1.0/admin/groups/more-members?context=crew", "name"));
        Assert.Equal(["crew-2", "crew-3"], await ValuesAsync(admin, "/rest/api/1.0/admin/groups/more-non-members?context=crew&filter=crew-", "name"));
        Assert.Equal(["crew", "crew-b"], await ValuesAsync(admin, "/rest/api/1.0/admin/users/more-members?context=crew-1", "name"));
        Assert.Equal(["crew", "crew-b"], await ValuesAsync(admin, "/rest/api/1.0/admin/users/more-non-members?context=crew-2&filter=crew", "name"));
        Assert.Equal(["crew-1"], await ValuesAsync(admin, "/rest/api/1.0/users?group=crew", "name"));
        Assert.True(await server.WithDatabaseAsync(db => db.OutboxMessages.AnyAsync(m => m.EventKey == "group:membership", Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Group_grant_reaches_members_and_leaving_revokes_it_at_once(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("operators", Ct);
        await (await admin.GrantAsync("groups", "operators", "ADMIN", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await server.CreateUserAsync("operator", Ct);
        using var op = server.Client("operator");
        await (await op.GetAsync("/rest/api/1.0/admin/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        await admin.AddToGroupAsync("operator", "operators", Ct);
        await (await op.GetAsync("/rest/api/1.0/admin/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/users/remove-group", new { context = "operator", itemName = "operators" }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        await (await op.GetAsync("/rest/api/1.0/admin/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Admin_cannot_hand_out_or_leave_more_than_they_hold(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("root-ish", Ct);
        await (await admin.GrantAsync("groups", "root-ish", "SYS_ADMIN", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await admin.CreateGroupAsync("only-admins", Ct);
        await (await admin.GrantAsync("groups", "only-admins", "ADMIN", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await server.CreateUserAsync("group-admin", Ct);
        await admin.AddToGroupAsync("group-admin", "only-admins", Ct);
        using var groupAdmin = server.Client("group-admin");

        // Joining a SYS_ADMIN group would make an ADMIN a SYS_ADMIN.
        await (await groupAdmin.PostAsJsonAsync("/rest/api/1.0/admin/users/add-groups", new { user = "group-admin", groups = new[] { "root-ish" } }, Ct))
            .ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await groupAdmin.DeleteAsync("/rest/api/1.0/admin/groups?name=root-ish", Ct)).ExpectAsync(HttpStatusCode.Forbidden, Ct);
        // Leaving or deleting the group that makes you an administrator would lower your own level.
        await (await groupAdmin.PostAsJsonAsync("/rest/api/1.0/admin/users/remove-group", new { context = "group-admin", itemName = "only-admins" }, Ct))
            .ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await groupAdmin.DeleteAsync("/rest/api/1.0/admin/groups?name=only-admins", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        await (await groupAdmin.GetAsync("/rest/api/1.0/admin/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["only-admins"], await ValuesAsync(admin, "/rest/api/1.0/admin/users/more-members?context=group-admin", "name"));
    }

    private static async Task<string[]> ValuesAsync(HttpClient client, string url, string property)
    {
        var page = await (await client.GetAsync(url, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        return page.GetProperty("values").EnumerateArray().Select(v => v.GetProperty(property).GetString()!).ToArray();
    }
}
