using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Workspaces;

public sealed class WorkspaceEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Created_workspace_is_listed_and_fetched_by_key(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var user = "ws-viewer-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var viewer = server.Client(user);

        var created = await (await admin.PostAsJsonAsync("/rest/api/1.0/workspaces", new { key = "Eng", name = "Engineering", description = "Builders" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var fetched = await (await viewer.GetAsync("/rest/api/latest/workspaces/ENG", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var list = await (await viewer.GetAsync("/rest/api/1.0/workspaces", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("eng", created.GetProperty("key").GetString());
        Assert.False(created.GetProperty("default").GetBoolean());
        Assert.EndsWith("/workspaces/eng", created.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString());
        Assert.Equal(created.GetProperty("id").GetInt64(), fetched.GetProperty("id").GetInt64());
        Assert.Equal("Builders", fetched.GetProperty("description").GetString());
        var keys = list.GetProperty("values").EnumerateArray().Select(w => w.GetProperty("key").GetString()).ToList();
        Assert.Contains("default", keys);
        Assert.Contains("eng", keys);
        Assert.True(list.GetProperty("values").EnumerateArray().Single(w => w.GetProperty("key").GetString() == "default").GetProperty("default").GetBoolean());
    }

    [Theory]
    [AllDatabases]
    public async Task Workspaces_are_hidden_from_anonymous_callers(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var anonymous = server.Client();

        await (await anonymous.GetAsync("/rest/api/1.0/workspaces", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await anonymous.GetAsync("/rest/api/1.0/workspaces/default", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Only_admins_create_and_delete_workspaces(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "ws-creator-" + provider;
        await server.CreateUserAsync(user, Ct, Permission.ProjectCreate);
        using var creator = server.Client(user);
        using var admin = server.AdminClient();
        await (await admin.PostAsJsonAsync("/rest/api/1.0/workspaces", new { key = "kept", name = "Kept" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var create = await (await creator.PostAsJsonAsync("/rest/api/1.0/workspaces", new { key = "mine", name = "Mine" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await creator.DeleteAsync("/rest/api/1.0/workspaces/kept", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", create.ExceptionName());
        Assert.False(await server.WithDatabaseAsync(db => db.Workspaces.AnyAsync(w => w.Key == "mine", Ct)));
        Assert.True(await server.WithDatabaseAsync(db => db.Workspaces.AnyAsync(w => w.Key == "kept", Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Duplicate_or_invalid_keys_are_refused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await (await admin.PostAsJsonAsync("/rest/api/1.0/workspaces", new { key = "twice", name = "Twice" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var duplicate = await (await admin.PostAsJsonAsync("/rest/api/1.0/workspaces", new { key = "TWICE", name = "Again" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var traversal = await (await admin.PostAsJsonAsync("/rest/api/1.0/workspaces", new { key = "../etc", name = "Bad" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal("com.atlassian.bitbucket.DuplicateEntityException", duplicate.ExceptionName());
        Assert.Equal("key", traversal.GetProperty("errors")[0].GetProperty("context").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Default_workspace_and_workspaces_with_projects_cannot_be_deleted(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var key = "WSPROJ" + provider.ToString().ToUpperInvariant();
        await (await admin.PostAsJsonAsync("/rest/api/1.0/workspaces", new { key = "busy", name = "Busy" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key, name = "In busy " + provider, workspace = new { key = "busy" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);

        await (await admin.DeleteAsync("/rest/api/1.0/workspaces/default", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var busy = await (await admin.DeleteAsync("/rest/api/1.0/workspaces/busy", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await admin.DeleteAsync($"/rest/api/1.0/projects/{key}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.DeleteAsync("/rest/api/1.0/workspaces/busy", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.GetAsync("/rest/api/1.0/workspaces/busy", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.Contains("has projects", busy.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(await server.WithDatabaseAsync(db => db.Workspaces.AnyAsync(w => w.IsDefault, Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Project_created_with_a_workspace_lands_in_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var key = "PLACED" + provider.ToString().ToUpperInvariant();
        var workspace = await (await admin.PostAsJsonAsync("/rest/api/1.0/workspaces", new { key = "placed", name = "Placed" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key, name = "Placed " + provider, workspace = new { key = "placed" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var unknown = await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = key + "X", name = "Nowhere " + provider, workspace = new { key = "nowhere" } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        var workspaceId = await server.WithDatabaseAsync(db => db.Projects.Where(p => p.Key == key).Select(p => p.WorkspaceId).SingleAsync(Ct));
        Assert.Equal(workspace.GetProperty("id").GetInt64(), workspaceId);
        Assert.Equal("workspace", unknown.GetProperty("errors")[0].GetProperty("context").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Members_are_added_promoted_listed_and_removed(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var member = "ws-member-" + provider;
        await server.CreateUserAsync(member, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/workspaces", new { key = "team", name = "Team" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        await (await admin.PutAsync($"/rest/api/1.0/workspaces/team/members?name={member}", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var added = await (await admin.GetAsync("/rest/api/1.0/workspaces/team/members", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsync($"/rest/api/1.0/workspaces/team/members?name={member}&admin=true", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var promoted = await (await admin.GetAsync("/rest/api/1.0/workspaces/team/members", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync($"/rest/api/1.0/workspaces/team/members?name={member}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var removed = await (await admin.GetAsync("/rest/api/1.0/workspaces/team/members", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var first = Assert.Single(added.GetProperty("values").EnumerateArray());
        Assert.Equal(member.ToLowerInvariant(), first.GetProperty("user").GetProperty("slug").GetString());
        Assert.False(first.GetProperty("admin").GetBoolean());
        Assert.True(Assert.Single(promoted.GetProperty("values").EnumerateArray()).GetProperty("admin").GetBoolean());
        Assert.Empty(removed.GetProperty("values").EnumerateArray());
    }

    [Theory]
    [AllDatabases]
    public async Task Workspace_admin_may_change_and_list_the_workspace_and_plain_members_may_not(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var lead = "ws-lead-" + provider;
        var plain = "ws-plain-" + provider;
        await server.CreateUserAsync(lead, Ct);
        await server.CreateUserAsync(plain, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/workspaces", new { key = "led", name = "Led" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.PutAsync($"/rest/api/1.0/workspaces/led/members?name={lead}&admin=true", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.PutAsync($"/rest/api/1.0/workspaces/led/members?name={plain}", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        using var leadClient = server.Client(lead);
        using var plainClient = server.Client(plain);

        var renamed = await (await leadClient.PutAsJsonAsync("/rest/api/1.0/workspaces/led", new { name = "Led by lead" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await plainClient.PutAsJsonAsync("/rest/api/1.0/workspaces/led", new { name = "Hijacked" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await plainClient.PutAsync($"/rest/api/1.0/workspaces/led/members?name={plain}&admin=true", null, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await admin.PutAsync("/rest/api/1.0/workspaces/led/members?name=no-such-user", null, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var leadSees = await (await leadClient.GetAsync("/rest/api/1.0/workspaces/led/members", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await plainClient.GetAsync("/rest/api/1.0/workspaces/led/members", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        Assert.Equal("Led by lead", renamed.GetProperty("name").GetString());
        Assert.Equal(2, leadSees.GetProperty("size").GetInt32());
        Assert.Equal("Led by lead", await server.WithDatabaseAsync(db => db.Workspaces.Where(w => w.Key == "led").Select(w => w.Name).SingleAsync(Ct)));
        Assert.False(await server.WithDatabaseAsync(db => db.WorkspaceMembers.AnyAsync(m => m.IsAdmin && db.Users.Any(u => u.Id == m.UserId && u.Slug == plain.ToLowerInvariant()), Ct)));
    }
}
