using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Repositories;

/// <summary><c>GET /rest/api/1.0/repos</c>: filters, visibility and paging.</summary>
public sealed class RepositorySearchTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Search_filters_by_name_project_name_and_project_key(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "SRCHA", name = "Searchable Apples" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "SRCHB", name = "Searchable Bananas" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await admin.CreateRepoAsync("SRCHA", "Zq Widget Service", Ct);
        await admin.CreateRepoAsync("SRCHA", "zq-gadget", Ct);
        await admin.CreateRepoAsync("SRCHB", "ZQ Widget Client", Ct);

        var byName = await admin.GetJsonAsync("/rest/api/1.0/repos?name=%20zq%20WIDGET%20", HttpStatusCode.OK, Ct);
        var byProjectName = await admin.GetJsonAsync("/rest/api/1.0/repos?projectname=searchable%20APPLES", HttpStatusCode.OK, Ct);
        var byProjectKey = await admin.GetJsonAsync("/rest/api/1.0/repos?projectkey=srchb", HttpStatusCode.OK, Ct);
        var combined = await admin.GetJsonAsync("/rest/api/1.0/repos?name=zq&projectkey=SRCHA", HttpStatusCode.OK, Ct);

        Assert.Equal(["zq-widget-service", "zq-widget-client"], byName.Slugs());
        Assert.Equal(["zq-gadget", "zq-widget-service"], byProjectName.Slugs());
        Assert.Equal(["zq-widget-client"], byProjectKey.Slugs());
        Assert.Equal(["zq-gadget", "zq-widget-service"], combined.Slugs());
    }

    [Theory]
    [AllDatabases]
    public async Task Search_filters_by_visibility_archived_and_state(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("VIS", Ct);
        await admin.CreateRepoAsync("VIS", new { name = "vis-public", @public = true }, Ct);
        await admin.CreateRepoAsync("VIS", "vis-private", Ct);
        await admin.CreateRepoAsync("VIS", "vis-archived", Ct);
        await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/VIS/repos/vis-archived", new { archived = true }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal(["vis-public"], (await admin.GetJsonAsync("/rest/api/1.0/repos?projectkey=VIS&visibility=PUBLIC", HttpStatusCode.OK, Ct)).Slugs());
        Assert.Equal(["vis-private"], (await admin.GetJsonAsync("/rest/api/1.0/repos?projectkey=VIS&visibility=private", HttpStatusCode.OK, Ct)).Slugs());
        Assert.Equal(["vis-private", "vis-public"], (await admin.GetJsonAsync("/rest/api/1.0/repos?projectkey=VIS", HttpStatusCode.OK, Ct)).Slugs());
        Assert.Equal(["vis-archived"], (await admin.GetJsonAsync("/rest/api/1.0/repos?projectkey=VIS&archived=archived", HttpStatusCode.OK, Ct)).Slugs());
        Assert.Equal(3, (await admin.GetJsonAsync("/rest/api/1.0/repos?projectkey=VIS&archived=ALL", HttpStatusCode.OK, Ct)).Slugs().Count);
        Assert.Equal(2, (await admin.GetJsonAsync("/rest/api/1.0/repos?projectkey=VIS&state=available", HttpStatusCode.OK, Ct)).Slugs().Count);
        Assert.Empty((await admin.GetJsonAsync("/rest/api/1.0/repos?projectkey=VIS&state=INITIALISATION_FAILED", HttpStatusCode.OK, Ct)).Slugs());
        await admin.GetJsonAsync("/rest/api/1.0/repos?visibility=secret", HttpStatusCode.BadRequest, Ct);
        await admin.GetJsonAsync("/rest/api/1.0/repos?permission=PROJECT_ADMIN", HttpStatusCode.BadRequest, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Search_respects_what_the_caller_may_see_and_the_permission_asked_for(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        using var anonymous = server.Client();
        await admin.CreateProjectAsync("PERMS", Ct);
        var read = await admin.CreateRepoAsync("PERMS", "perm-read", Ct);
        var write = await admin.CreateRepoAsync("PERMS", "perm-write", Ct);
        await admin.CreateRepoAsync("PERMS", "perm-none", Ct);
        await admin.CreateRepoAsync("PERMS", new { name = "perm-public", @public = true }, Ct);
        var userId = await server.CreateUserAsync("searcher-" + provider, Ct);
        await server.GrantRepositoryAsync(read.GetProperty("id").GetInt64(), userId, Permission.RepoRead);
        await server.GrantRepositoryAsync(write.GetProperty("id").GetInt64(), userId, Permission.RepoWrite);
        using var user = server.Client("searcher-" + provider);

        Assert.Equal(["perm-public", "perm-read", "perm-write"], (await user.GetJsonAsync("/rest/api/1.0/repos?projectkey=PERMS", HttpStatusCode.OK, Ct)).Slugs());
        Assert.Equal(["perm-write"], (await user.GetJsonAsync("/rest/api/1.0/repos?projectkey=PERMS&permission=repo_write", HttpStatusCode.OK, Ct)).Slugs());
        Assert.Empty((await user.GetJsonAsync("/rest/api/1.0/repos?projectkey=PERMS&permission=REPO_ADMIN", HttpStatusCode.OK, Ct)).Slugs());
        Assert.Equal(["perm-public"], (await anonymous.GetJsonAsync("/rest/api/1.0/repos?projectkey=PERMS", HttpStatusCode.OK, Ct)).Slugs());
        var anonymousWithPermission = await anonymous.GetJsonAsync("/rest/api/1.0/repos?projectkey=PERMS&permission=REPO_READ", HttpStatusCode.OK, Ct);
        Assert.Empty(anonymousWithPermission.Slugs());
        Assert.True(anonymousWithPermission.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(4, (await admin.GetJsonAsync("/rest/api/1.0/repos?projectkey=PERMS&permission=REPO_ADMIN", HttpStatusCode.OK, Ct)).Slugs().Count);
    }

    [Theory]
    [AllDatabases]
    public async Task Search_orders_by_project_key_then_slug_and_pages_without_gaps(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateProjectAsync("ORDB", Ct);
        await admin.CreateProjectAsync("ORDA", Ct);
        await admin.CreateRepoAsync("ORDB", "ord-a", Ct);
        await admin.CreateRepoAsync("ORDA", "ord-c", Ct);
        await admin.CreateRepoAsync("ORDA", "ord-b", Ct);
        await admin.CreateRepoAsync("ORDB", "ord-0", Ct);

        var seen = new List<string>();
        int? start = 0;
        while (start is not null)
        {
            var page = await admin.GetJsonAsync($"/rest/api/1.0/repos?name=ord-&limit=3&start={start}", HttpStatusCode.OK, Ct);
            Assert.True(page.GetProperty("size").GetInt32() <= 3);
            seen.AddRange(page.GetProperty("values").EnumerateArray().Select(r => r.GetProperty("project").GetProperty("key").GetString() + "/" + r.GetProperty("slug").GetString()));
            start = page.GetProperty("isLastPage").GetBoolean() ? null : page.GetProperty("nextPageStart").GetInt32();
        }

        Assert.Equal(["ORDA/ord-b", "ORDA/ord-c", "ORDB/ord-0", "ORDB/ord-a"], seen);
    }
}
