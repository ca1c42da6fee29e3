using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Projects;

public sealed class ProjectEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Created_project_is_returned_with_bitbucket_shape(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();

        var created = await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "shape", name = "Shape", description = "d" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal("SHAPE", created.GetProperty("key").GetString());
        Assert.Equal("NORMAL", created.GetProperty("type").GetString());
        Assert.False(created.GetProperty("public").GetBoolean());
        Assert.EndsWith("/projects/SHAPE", created.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString());

        var fetched = await (await admin.GetAsync("/rest/api/latest/projects/shape", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(created.GetProperty("id").GetInt64(), fetched.GetProperty("id").GetInt64());
    }

    [Theory]
    [AllDatabases]
    public async Task Duplicate_key_is_a_conflict_and_nothing_is_written(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "DUP", name = "Dup one" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var error = await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "dup", name = "Dup two" }, Ct))
            .ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal("com.atlassian.bitbucket.project.DuplicateProjectException", error.ExceptionName());
        var count = await server.WithDatabaseAsync(db => Task.FromResult(db.Projects.Count(p => p.Key == "DUP")));
        Assert.Equal(1, count);
    }

    [Theory]
    [AllDatabases]
    public async Task Private_project_is_hidden_from_users_without_access(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "HIDDEN", name = "Hidden" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await server.CreateUserAsync("outsider-" + provider, Ct);
        using var outsider = server.Client("outsider-" + provider);
        using var anonymous = server.Client();

        var asOutsider = await (await outsider.GetAsync("/rest/api/1.0/projects/HIDDEN", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal("com.atlassian.bitbucket.project.NoSuchProjectException", asOutsider.ExceptionName());
        await (await anonymous.GetAsync("/rest/api/1.0/projects/HIDDEN", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var list = await (await outsider.GetAsync("/rest/api/1.0/projects", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.DoesNotContain(list.GetProperty("values").EnumerateArray(), p => p.GetProperty("key").GetString() == "HIDDEN");
    }

    [Theory]
    [AllDatabases]
    public async Task Paging_walks_every_project_once(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        for (var i = 0; i < 5; i++)
        {
            await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = $"PAGE{i}", name = $"Paging {i}" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        }

        var seen = new List<string>();
        int? start = 0;
        while (start is not null)
        {
            var page = await (await admin.GetAsync($"/rest/api/1.0/projects?name=paging&limit=2&start={start}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
            Assert.Equal(2, page.GetProperty("limit").GetInt32());
            seen.AddRange(page.GetProperty("values").EnumerateArray().Select(p => p.GetProperty("key").GetString()!));
            start = page.GetProperty("isLastPage").GetBoolean() ? null : page.GetProperty("nextPageStart").GetInt32();
        }

        Assert.Equal(["PAGE0", "PAGE1", "PAGE2", "PAGE3", "PAGE4"], seen);
    }

    [Theory]
    [AllDatabases]
    public async Task Project_creator_needs_project_create_permission(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("plain-" + provider, Ct);
        await server.CreateUserAsync("creator-" + provider, Ct, Permission.ProjectCreate);
        using var plain = server.Client("plain-" + provider);
        using var creator = server.Client("creator-" + provider);

        var denied = await (await plain.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "NOPE", name = "Nope" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", denied.ExceptionName());
        await (await creator.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "YES", name = "Yes" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Project_creator_administers_the_new_project_as_in_bitbucket(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "owner-" + provider;
        await server.CreateUserAsync(user, Ct, Permission.ProjectCreate);
        await server.CreateUserAsync("other-" + provider, Ct, Permission.ProjectCreate);
        using var creator = server.Client(user);
        using var other = server.Client("other-" + provider);
        await (await creator.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "MINE", name = "Mine" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var fetched = await (await creator.GetAsync("/rest/api/1.0/projects/MINE", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var grants = await (await creator.GetAsync("/rest/api/1.0/projects/MINE/permissions/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await creator.PostAsJsonAsync("/rest/api/1.0/projects/MINE/repos", new { name = "first" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await other.GetAsync("/rest/api/1.0/projects/MINE", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.Equal("MINE", fetched.GetProperty("key").GetString());
        var grant = Assert.Single(grants.GetProperty("values").EnumerateArray());
        Assert.Equal(user, grant.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("PROJECT_ADMIN", grant.GetProperty("permission").GetString());
    }
}
