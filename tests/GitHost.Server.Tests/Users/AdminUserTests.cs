using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Data.Repositories;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Users;

public sealed class AdminUserTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Created_user_can_sign_in_and_is_listed_in_detail(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();

        await (await admin.CreateUserAsync("Fresh.User", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        using var fresh = server.Client("Fresh.User");
        await (await fresh.WhoAmIAsync("fresh.user", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var page = await (await admin.GetAsync("/rest/api/1.0/admin/users?filter=fresh.USER", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var listed = Assert.Single(page.GetProperty("values").EnumerateArray());
        Assert.Equal("Fresh.User", listed.GetProperty("name").GetString());
        Assert.True(listed.GetProperty("deletable").GetBoolean());
        Assert.True(listed.GetProperty("mutableDetails").GetBoolean());
        Assert.True(listed.GetProperty("createdTimestamp").GetInt64() > 1_600_000_000_000);
        Assert.True(listed.GetProperty("lastAuthenticationTimestamp").GetInt64() > 1_600_000_000_000);
        var events = await server.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(m => m.EventKey == "user:created" && m.Payload.Contains("Fresh.User"), Ct));
        Assert.Equal(1, events);
    }

    [Theory]
    [AllDatabases]
    public async Task Duplicate_name_is_a_conflict_and_nothing_is_written(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await (await admin.CreateUserAsync("twin", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await admin.CreateUserAsync("TWIN", Ct, password: "another-password")).ExpectAsync(HttpStatusCode.Conflict, Ct);

        var (users, events) = await server.WithDatabaseAsync(async db => (
            await db.Users.CountAsync(u => u.NormalizedUserName == "TWIN", Ct),
            await db.OutboxMessages.CountAsync(m => m.EventKey == "user:created" && m.Payload.ToLower().Contains("\"twin\""), Ct)));
        Assert.Equal(1, users);
        Assert.Equal(1, events);
        using var original = server.Client("twin");
        await (await original.WhoAmIAsync("twin", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
    }

    /// <summary>Every hostile name on every database provider.</summary>
    public static TheoryData<DatabaseProvider, string> BadNames()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var name in new[] { "", "has space", "-leading-dash", "slash/name", new string('n', 300), "adm\u202Ein", "ad\u200Bmin", "\u0430dmin" })
            {
                data.Add(provider, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Malformed_user_names_are_rejected_and_nothing_is_written(DatabaseProvider provider, string name)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var before = await server.WithDatabaseAsync(db => db.Users.CountAsync(Ct));

        var error = await (await admin.CreateUserAsync(name, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal("name", error.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal(before, await server.WithDatabaseAsync(db => db.Users.CountAsync(Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Short_password_missing_display_name_or_bad_email_is_rejected(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();

        var error = await (await admin.CreateUserAsync("shorty", Ct, password: "1234567")).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Equal("password", error.GetProperty("errors")[0].GetProperty("context").GetString());
        await (await admin.PostAsync("/rest/api/1.0/admin/users?name=nodisplay&emailAddress=a%40b.c&password=long-enough-1", null, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PostAsync("/rest/api/1.0/admin/users?name=bademail&displayName=B&emailAddress=nope&password=long-enough-1", null, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        var created = await server.WithDatabaseAsync(db => db.Users.CountAsync(u => u.UserName == "shorty" || u.UserName == "nodisplay" || u.UserName == "bademail", Ct));
        Assert.Equal(0, created);
    }

    [Theory]
    [AllDatabases]
    public async Task Non_admins_are_refused_and_anonymous_callers_must_authenticate(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("not-admin", Ct, Permission.ProjectCreate);
        using var user = server.Client("not-admin");
        using var anonymous = server.Client();

        var calls = new Func<HttpClient, Task<HttpResponseMessage>>[]
        {
            c => c.GetAsync("/rest/api/1.0/admin/users", Ct),
            c => c.CreateUserAsync("sneaky", Ct),
            c => c.PutAsJsonAsync("/rest/api/1.0/admin/users", new { name = "admin", displayName = "Pwned" }, Ct),
            c => c.DeleteAsync("/rest/api/1.0/admin/users?name=admin", Ct),
            c => c.PutAsJsonAsync("/rest/api/1.0/admin/users/credentials", new { name = "admin", password = "pwned-password", passwordConfirm = "pwned-password" }, Ct),
            c => c.PostAsJsonAsync("/rest/api/1.0/admin/users/rename", new { name = "admin", newName = "pwned" }, Ct),
        };
        foreach (var call in calls)
        {
            var denied = await (await call(user)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            Assert.Equal("com.atlassian.bitbucket.AuthorisationException", denied.ExceptionName());
            await (await call(anonymous)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        }

        using var admin = server.AdminClient();
        await (await admin.WhoAmIAsync("admin", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Users.CountAsync(u => u.UserName == "sneaky" || u.UserName == "pwned", Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Admin_updates_details_and_gets_the_detailed_user(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await server.CreateUserAsync("renamed-display", Ct);

        var updated = await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/users", new { name = "renamed-display", displayName = "New Display", email = "nd@example.com" }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("New Display", updated.GetProperty("displayName").GetString());
        Assert.Equal("nd@example.com", updated.GetProperty("emailAddress").GetString());
        await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/users", new { name = "no-such-user", displayName = "X" }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Deleted_user_stops_authenticating_at_once_and_loses_personal_repositories(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var userId = await server.CreateUserAsync("doomed", Ct);
        using var doomed = server.Client("doomed");
        await (await doomed.WhoAmIAsync("doomed", Ct)).ExpectAsync(HttpStatusCode.OK, Ct); // credential now cached
        await (await doomed.GetAsync("/rest/api/1.0/projects/~doomed", Ct)).ExpectAsync(HttpStatusCode.OK, Ct); // personal project created
        await server.WithDatabaseAsync(async db =>
        {
            var personal = await db.Projects.SingleAsync(p => p.OwnerId == userId, Ct);
            db.Repositories.Add(new RepositoryEntity { ProjectId = personal.Id, Slug = "mine", Name = "mine", HierarchyId = "doomed-mine" });
            return await db.SaveChangesAsync(Ct);
        });

        var deleted = await (await admin.DeleteAsync("/rest/api/1.0/admin/users?name=doomed", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("doomed", deleted.GetProperty("name").GetString());
        await (await doomed.WhoAmIAsync("doomed", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var (projects, repositories) = await server.WithDatabaseAsync(async db => (
            await db.Projects.CountAsync(p => p.OwnerId == userId || p.Key == "~DOOMED", Ct),
            await db.Repositories.CountAsync(r => r.HierarchyId == "doomed-mine", Ct)));
        Assert.Equal(0, projects);
        Assert.Equal(0, repositories);
        await (await admin.DeleteAsync("/rest/api/1.0/admin/users?name=doomed", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Nobody_deletes_themselves_and_an_admin_cannot_touch_a_sys_admin(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await server.CreateUserAsync("junior-admin", Ct, Permission.Admin);
        using var junior = server.Client("junior-admin");

        await (await admin.DeleteAsync("/rest/api/1.0/admin/users?name=admin", Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await junior.DeleteAsync("/rest/api/1.0/admin/users?name=admin", Ct)).ExpectAsync(HttpStatusCode.Forbidden, Ct);
        await (await junior.PutAsJsonAsync("/rest/api/1.0/admin/users/credentials", new { name = "admin", password = "taken-over-1", passwordConfirm = "taken-over-1" }, Ct))
            .ExpectAsync(HttpStatusCode.Forbidden, Ct);

        await (await admin.WhoAmIAsync("admin", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Rename_moves_the_login_and_the_personal_project(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var userId = await server.CreateUserAsync("old-name", Ct);
        using var oldLogin = server.Client("old-name");
        await (await oldLogin.GetAsync("/rest/api/1.0/projects/~old-name", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var renamed = await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/users/rename", new { name = "old-name", newName = "New-Name" }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("New-Name", renamed.GetProperty("name").GetString());
        Assert.Equal("new-name", renamed.GetProperty("slug").GetString());
        await (await oldLogin.WhoAmIAsync("new-name", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        using var newLogin = server.Client("New-Name");
        await (await newLogin.WhoAmIAsync("new-name", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var key = await server.WithDatabaseAsync(db => db.Projects.Where(p => p.OwnerId == userId).Select(p => p.Key).SingleAsync(Ct));
        Assert.Equal("~NEW-NAME", key);

        await server.CreateUserAsync("taken-name", Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/users/rename", new { name = "New-Name", newName = "TAKEN-name" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/admin/users/rename", new { name = "New-Name", newName = "bad name" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
    }
}
