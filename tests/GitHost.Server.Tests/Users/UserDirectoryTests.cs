using System.Net;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Data.Permissions;
using GitHost.Data.Repositories;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Users;

public sealed class UserDirectoryTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_callers_are_asked_to_authenticate_not_told_their_password_is_wrong()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var anonymous = server.Client();
        using var wrong = server.Client("admin", "wrong-password");

        var noCredentials = await (await anonymous.GetAsync("/rest/api/1.0/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var badCredentials = await (await wrong.GetAsync("/rest/api/1.0/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);

        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", noCredentials.ExceptionName());
        Assert.Equal("com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException", badCredentials.ExceptionName());
    }

    [Theory]
    [AllDatabases]
    public async Task User_is_returned_with_bitbucket_shape(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateUserAsync("Shape.User", Ct);
        using var client = server.Client("Shape.User");

        var user = await (await client.GetAsync("/rest/api/1.0/users/shape.user", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("Shape.User", user.GetProperty("name").GetString());
        Assert.Equal("shape.user", user.GetProperty("slug").GetString());
        Assert.Equal(id, user.GetProperty("id").GetInt64());
        Assert.Equal("Shape.User@example.com", user.GetProperty("emailAddress").GetString());
        Assert.Equal("NORMAL", user.GetProperty("type").GetString());
        Assert.True(user.GetProperty("active").GetBoolean());
        Assert.EndsWith("/users/shape.user", user.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Anonymous_callers_must_authenticate_and_missing_users_are_404(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var anonymous = server.Client();
        using var admin = server.AdminClient();

        await (await anonymous.GetAsync("/rest/api/1.0/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await anonymous.GetAsync("/rest/api/1.0/users/admin", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await anonymous.GetAsync("/rest/api/1.0/groups", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var missing = await (await admin.GetAsync("/rest/api/1.0/users/nobody-here", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal("com.atlassian.bitbucket.user.NoSuchUserException", missing.ExceptionName());
    }

    [Theory]
    [AllDatabases]
    public async Task Filter_matches_name_display_name_and_email_ignoring_case(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await (await admin.CreateUserAsync("zebra-one", Ct, displayName: "Striped Horse")).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.CreateUserAsync("zebra-two", Ct, displayName: "Other")).ExpectAsync(HttpStatusCode.NoContent, Ct);

        Assert.Equal(["zebra-one", "zebra-two"], await NamesAsync(admin, "?filter=ZEBRA"));
        Assert.Equal(["zebra-one"], await NamesAsync(admin, "?filter=striped%20HORSE"));
        Assert.Equal(["zebra-two"], await NamesAsync(admin, "?filter=Zebra-Two%40Example"));
    }

    [Theory]
    [AllDatabases]
    public async Task Group_and_global_permission_filters_select_members_and_holders(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("dir-readers", Ct);
        await server.CreateUserAsync("dir-member", Ct);
        await server.CreateUserAsync("dir-outsider", Ct);
        await server.CreateUserAsync("dir-creator", Ct, Permission.ProjectCreate);
        await admin.AddToGroupAsync("dir-member", "dir-readers", Ct);
        await (await admin.GrantAsync("groups", "dir-readers", "ADMIN", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        Assert.Equal(["dir-member"], await NamesAsync(admin, "?filter=dir-&group=DIR-READERS"));
        Assert.Equal(["dir-member"], await NamesAsync(admin, "?filter=dir-&permission=admin"));
        Assert.Equal(["dir-creator", "dir-member"], await NamesAsync(admin, "?filter=dir-&permission.1=PROJECT_CREATE"));
        Assert.Equal(["dir-creator", "dir-member", "dir-outsider"], await NamesAsync(admin, "?filter=dir-&permission=LICENSED_USER"));
    }

    [Theory]
    [AllDatabases]
    public async Task Project_and_repository_permission_filters_follow_the_permission_service(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await (await admin.PostAsync("/rest/api/1.0/projects", System.Net.Http.Json.JsonContent.Create(new { key = "FILT", name = "Filtered" }), Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var projectWriter = await server.CreateUserAsync("filt-writer", Ct);
        var repoReader = await server.CreateUserAsync("filt-reader", Ct);
        await server.CreateUserAsync("filt-none", Ct);
        await server.WithDatabaseAsync(async db =>
        {
            var project = await db.Projects.SingleAsync(p => p.Key == "FILT", Ct);
            var repository = new RepositoryEntity { ProjectId = project.Id, Slug = "filt-repo", Name = "filt-repo", HierarchyId = "filt" };
            db.Repositories.Add(repository);
            await db.SaveChangesAsync(Ct);
            db.ProjectUserPermissions.Add(new ProjectUserPermissionEntity { ProjectId = project.Id, UserId = projectWriter, Permission = Permission.ProjectWrite });
            db.RepositoryUserPermissions.Add(new RepositoryUserPermissionEntity { RepositoryId = repository.Id, UserId = repoReader, Permission = Permission.RepoRead });
            return await db.SaveChangesAsync(Ct);
        });

        Assert.Equal(["filt-writer"], await NamesAsync(admin, "?filter=filt-&permission.1=PROJECT_WRITE&permission.1.projectKey=filt"));
        Assert.Equal(["filt-reader", "filt-writer"],
            await NamesAsync(admin, "?filter=filt-&permission.1=REPO_READ&permission.1.projectKey=FILT&permission.1.repositorySlug=filt-repo"));
        Assert.Equal(["filt-writer"],
            await NamesAsync(admin, "?filter=filt-&permission.1=REPO_WRITE&permission.1.projectKey=FILT&permission.1.repositorySlug=filt-repo"));
        // Global administrators administer every project.
        Assert.Contains("admin", await NamesAsync(admin, "?permission.1=PROJECT_ADMIN&permission.1.projectKey=FILT"));
    }

    [Theory]
    [AllDatabases]
    public async Task Malformed_permission_filters_are_rejected(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();

        foreach (var query in new[]
        {
            "?permission=KING",
            "?permission.1=PROJECT_READ",
            "?permission.1=REPO_READ&permission.1.projectKey=FILT",
            "?permission.1=PROJECT_READ&permission.1.projectKey=NOSUCHPROJECT",
            "?permission.1=PROJECT_READ&permission.1.projectId=abc",
        })
        {
            var error = await (await admin.GetAsync("/rest/api/1.0/users" + query, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
            Assert.StartsWith("permission", error.GetProperty("errors")[0].GetProperty("context").GetString());
        }
    }

    [Theory]
    [AllDatabases]
    public async Task Group_names_are_listed_as_strings_to_licensed_users(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("names-b", Ct);
        await admin.CreateGroupAsync("Names-A", Ct);
        await server.CreateUserAsync("names-user", Ct);
        using var user = server.Client("names-user");

        var page = await (await user.GetAsync("/rest/api/1.0/groups?filter=NAMES-", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(["Names-A", "names-b"], page.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray());
    }

    private static async Task<string[]> NamesAsync(HttpClient client, string query)
    {
        var page = await (await client.GetAsync("/rest/api/1.0/users" + query, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        return page.GetProperty("values").EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToArray();
    }
}
