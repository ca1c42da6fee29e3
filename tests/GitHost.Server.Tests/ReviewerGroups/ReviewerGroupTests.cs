using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static GitHost.Server.Tests.ReviewerGroups.ReviewerGroupTestApi;

namespace GitHost.Server.Tests.ReviewerGroups;

/// <summary>Reviewer groups (<c>.../settings/reviewer-groups</c>): shapes, inheritance, the authorization matrix and audit records.</summary>
public sealed class ReviewerGroupTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_repository_sees_its_own_and_its_projects_groups_and_changes_are_audited(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        const string key = "RGS";
        var repositoryId = await server.CreateRepositoryAsync(key, "app", Ct);
        await server.CreateRepositoryAsync(key, "other", Ct);
        var projectId = await server.WithDatabaseAsync(db => db.Projects.Where(p => p.Key == key).Select(p => p.Id).SingleAsync(Ct));
        await server.CreateUserAsync("rgs-ann", Ct);
        await server.CreateUserAsync("rgs-bob", Ct);
        var cyId = await server.CreateUserAsync("rgs-cy", Ct);

        // ann reads the whole project; bob and cy only the repository "other" and "app" respectively.
        await server.GrantAsync($"/rest/api/1.0/projects/{key}", "rgs-ann", "PROJECT_READ", Ct);
        await server.GrantAsync($"/rest/api/1.0/projects/{key}/repos/other", "rgs-bob", "REPO_READ", Ct);
        await server.GrantAsync($"/rest/api/1.0/projects/{key}/repos/app", "rgs-cy", "REPO_READ", Ct);
        using var admin = server.AdminClient();

        var created = await admin.PostAsJsonAsync(ProjectGroups(key), Group("backend", "Server people", "rgs-ann"), Ct);
        var project = await created.ExpectAsync(HttpStatusCode.Created, Ct);
        var projectGroupId = project.GetProperty("id").GetInt64();
        var repo = await admin.CreateGroupAsync(RepoGroups(key, "app"), Group("app-team", null, "rgs-cy", "rgs-ann", "rgs-cy"), Ct);
        var repoGroupId = repo.GetProperty("id").GetInt64();
        await admin.CreateGroupAsync(RepoGroups(key, "other"), Group("other-team", null, "rgs-bob"), Ct);

        var repoList = await (await admin.GetAsync(RepoGroups(key, "app"), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var projectList = await (await admin.GetAsync(ProjectGroups(key), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var paged = await (await admin.GetAsync(RepoGroups(key, "app") + "?limit=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var inherited = await (await admin.GetAsync($"{RepoGroups(key, "app")}/{projectGroupId}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var viaLatest = await (await admin.GetAsync($"/rest/api/latest/projects/{key}/settings/reviewer-groups/{projectGroupId}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var users = await (await admin.GetAsync($"{RepoGroups(key, "app")}/{repoGroupId}/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal($"/rest/api/1.0/projects/{key}/settings/reviewer-groups/{projectGroupId}", created.Headers.Location!.OriginalString);
        Assert.Equal("backend", project.GetProperty("name").GetString());
        Assert.Equal("Server people", project.GetProperty("description").GetString());
        Assert.Equal("PROJECT", project.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal(projectId, project.GetProperty("scope").GetProperty("resourceId").GetInt64());
        Assert.Equal(["rgs-ann"], project.GetProperty("users").Names());
        Assert.Equal("REPOSITORY", repo.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal(repositoryId, repo.GetProperty("scope").GetProperty("resourceId").GetInt64());
        Assert.Equal(["rgs-ann", "rgs-cy"], repo.GetProperty("users").Names());
        Assert.False(repo.TryGetProperty("description", out _));
        Assert.Equal(["app-team", "backend"], repoList.GetProperty("values").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.True(repoList.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(["backend"], projectList.GetProperty("values").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.Equal(1, paged.GetProperty("size").GetInt32());
        Assert.False(paged.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(1, paged.GetProperty("nextPageStart").GetInt32());
        Assert.Equal("PROJECT", inherited.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal("backend", viaLatest.GetProperty("name").GetString());
        Assert.Equal(["rgs-ann", "rgs-cy"], users.Names());

        // A project group may hold users who cannot read every repository: the repository's users list leaves them out.
        var widened = await (await admin.PutAsJsonAsync($"{ProjectGroups(key)}/{projectGroupId}", new { users = new[] { new { name = "rgs-ann" }, new { name = "rgs-bob" } } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var renamed = await (await admin.PutAsJsonAsync($"{ProjectGroups(key)}/{projectGroupId}", new { name = "servers" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var cleared = await (await admin.PutAsJsonAsync($"{ProjectGroups(key)}/{projectGroupId}", new { description = "" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var narrowed = await (await admin.PutAsJsonAsync($"{RepoGroups(key, "app")}/{repoGroupId}", new { users = new[] { new { id = cyId } } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        var narrowedRead = await (await admin.GetAsync($"{RepoGroups(key, "app")}/{repoGroupId}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        // ann loses the project and keeps only "other": the group still lists her, "app"'s users list no longer does.
        await (await admin.DeleteAsync($"/rest/api/1.0/projects/{key}/permissions/users?name=rgs-ann", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await server.GrantAsync($"/rest/api/1.0/projects/{key}/repos/other", "rgs-ann", "REPO_READ", Ct);
        var fromApp = await (await admin.GetAsync($"{RepoGroups(key, "app")}/{projectGroupId}/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var fromOther = await (await admin.GetAsync($"{RepoGroups(key, "other")}/{projectGroupId}/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var stillListed = await (await admin.GetAsync($"{ProjectGroups(key)}/{projectGroupId}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.GetAsync($"{RepoGroups(key, "other")}/{repoGroupId}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.PutAsJsonAsync($"{RepoGroups(key, "app")}/{projectGroupId}", new { name = "hijack" }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.DeleteAsync($"{RepoGroups(key, "app")}/{projectGroupId}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.DeleteAsync($"{ProjectGroups(key)}/{projectGroupId}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.GetAsync($"{ProjectGroups(key)}/{projectGroupId}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var records = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.ObjectType == "REVIEWER_GROUP" && e.ProjectId == projectId).OrderBy(e => e.Id).ToListAsync(Ct));

        Assert.Equal("users", widened.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Contains("rgs-bob", widened.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("servers", renamed.GetProperty("name").GetString());
        Assert.Equal("Server people", renamed.GetProperty("description").GetString());
        Assert.Equal(["rgs-ann"], renamed.GetProperty("users").Names());
        Assert.False(cleared.TryGetProperty("description", out _));
        Assert.Equal(["rgs-cy"], narrowed.GetProperty("users").Names());
        Assert.Equal(["rgs-cy"], narrowedRead.GetProperty("users").Names());
        Assert.Equal("app-team", narrowedRead.GetProperty("name").GetString());
        Assert.Empty(fromApp.Names());
        Assert.Equal(["rgs-ann"], fromOther.Names());
        Assert.Equal(["rgs-ann"], stillListed.GetProperty("users").Names());
        Assert.Equal(
            ["reviewer-group.created", "reviewer-group.created", "reviewer-group.created",
             "reviewer-group.modified", "reviewer-group.modified", "reviewer-group.modified", "reviewer-group.deleted"],
            records.Select(r => r.Action));
        var rename = records[3];
        Assert.Contains("backend", rename.Before);
        Assert.Contains("servers", rename.After);
        Assert.Equal(repositoryId, records[1].RepositoryId);
        Assert.Contains("rgs-cy", records[1].After);
        Assert.Contains("rgs-ann", records[5].Before);
        Assert.DoesNotContain("rgs-ann", records[5].After);
        Assert.Equal("servers", records[6].ObjectName);
    }

    [Theory]
    [AllDatabases]
    public async Task Readers_see_groups_and_only_administrators_of_the_scope_change_them(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        const string key = "RGA";
        await server.CreateRepositoryAsync(key, "repo", Ct);
        var repoPath = $"/rest/api/1.0/projects/{key}/repos/repo";
        foreach (var user in new[] { "rga-none", "rga-read", "rga-write", "rga-repoadmin", "rga-projadmin" })
        {
            await server.CreateUserAsync(user, Ct);
        }

        await server.GrantAsync(repoPath, "rga-read", "REPO_READ", Ct);
        await server.GrantAsync(repoPath, "rga-write", "REPO_WRITE", Ct);
        await server.GrantAsync(repoPath, "rga-repoadmin", "REPO_ADMIN", Ct);
        await server.GrantAsync($"/rest/api/1.0/projects/{key}", "rga-projadmin", "PROJECT_ADMIN", Ct);
        using var admin = server.AdminClient();
        var projectGroup = await admin.CreateGroupAsync(ProjectGroups(key), Group("leads", null, "rga-projadmin"), Ct);
        var repoGroup = await admin.CreateGroupAsync(RepoGroups(key, "repo"), Group("devs", null, "rga-write"), Ct);
        var repoItem = $"{RepoGroups(key, "repo")}/{repoGroup.GetProperty("id").GetInt64()}";
        var projectItem = $"{ProjectGroups(key)}/{projectGroup.GetProperty("id").GetInt64()}";

        // who, repository list/get/users, repository create, project list, project create
        var matrix = new (string? User, HttpStatusCode RepoRead, HttpStatusCode RepoWrite, HttpStatusCode ProjectRead, HttpStatusCode ProjectWrite)[]
        {
            (null, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            ("rga-none", HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("rga-read", HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            ("rga-write", HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            ("rga-repoadmin", HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            ("rga-projadmin", HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Created),
        };
        foreach (var (user, repoRead, repoWrite, projectRead, projectWrite) in matrix)
        {
            using var client = server.Client(user);
            var name = "by-" + (user ?? "anonymous");
            await (await client.GetAsync(RepoGroups(key, "repo"), Ct)).ExpectAsync(repoRead, Ct);
            await (await client.GetAsync(repoItem, Ct)).ExpectAsync(repoRead, Ct);
            await (await client.GetAsync(repoItem + "/users", Ct)).ExpectAsync(repoRead, Ct);
            await (await client.PostAsJsonAsync(RepoGroups(key, "repo"), Group(name, null), Ct)).ExpectAsync(repoWrite, Ct);
            var changed = repoWrite == HttpStatusCode.Created ? HttpStatusCode.OK : repoWrite;
            await (await client.PutAsJsonAsync(repoItem, new { description = name }, Ct)).ExpectAsync(changed, Ct);
            await (await client.GetAsync(ProjectGroups(key), Ct)).ExpectAsync(projectRead, Ct);
            await (await client.PostAsJsonAsync(ProjectGroups(key), Group(name, null), Ct)).ExpectAsync(projectWrite, Ct);
            var removed = projectWrite == HttpStatusCode.Created ? HttpStatusCode.NoContent : projectWrite;
            using var throwaway = server.AdminClient();
            var victim = await throwaway.CreateGroupAsync(ProjectGroups(key), Group("victim-" + name, null), Ct);
            await (await client.DeleteAsync($"{ProjectGroups(key)}/{victim.GetProperty("id").GetInt64()}", Ct)).ExpectAsync(removed, Ct);
        }

        var left = await (await admin.GetAsync(ProjectGroups(key) + "?limit=100", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var names = left.GetProperty("values").EnumerateArray().Select(g => g.GetProperty("name").GetString()!).ToList();
        Assert.Contains("by-rga-projadmin", names);
        Assert.DoesNotContain("by-rga-repoadmin", names);
        Assert.Contains("victim-by-rga-read", names);
        Assert.DoesNotContain("victim-by-rga-projadmin", names);
        await (await admin.GetAsync(projectItem, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
    }
}
