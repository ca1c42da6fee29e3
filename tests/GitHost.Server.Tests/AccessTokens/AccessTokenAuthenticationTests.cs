using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static GitHost.Server.Tests.AccessTokens.AccessTokenTestData;

namespace GitHost.Server.Tests.AccessTokens;

/// <summary>Tokens end to end: created through REST, then used as credentials on other endpoints.</summary>
public sealed class AccessTokenAuthenticationTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Api = "/rest/api/1.0/projects";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Personal_token_authenticates_with_basic_and_bearer_as_its_owner(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("PERSONAL", Ct);
        await server.CreateUserAsync("tokenuser", Ct);
        await GrantProjectAsync(server, "PERSONAL", "tokenuser", "PROJECT_READ");
        using var password = server.Client("tokenuser");
        var token = (await password.CreateTokenAsync("users/tokenuser", ["PROJECT_READ", "REPO_READ"], Ct)).Raw();
        using var basic = server.BasicTokenClient("tokenuser", token);
        using var bearer = server.BearerClient(token);
        using var wrongUser = server.BasicTokenClient("admin", token);

        var viaBasic = await basic.GetAsync($"{Api}/PERSONAL", Ct);
        await viaBasic.ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("tokenuser", viaBasic.Headers.GetValues("X-AUSERNAME").Single());
        var viaBearer = await bearer.GetAsync($"{Api}/PERSONAL", Ct);
        await viaBearer.ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("tokenuser", viaBearer.Headers.GetValues("X-AUSERNAME").Single());
        await (await wrongUser.GetAsync($"{Api}/PERSONAL", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var lastAuthenticated = await server.WithDatabaseAsync(db => db.AccessTokens.Where(t => t.Name == "ci token" && db.Users.Any(u => u.Id == t.UserId && u.UserName == "tokenuser"))
            .Select(t => t.LastAuthenticated).SingleAsync());
        Assert.NotNull(lastAuthenticated);
    }

    [Theory]
    [AllDatabases]
    public async Task Project_token_works_only_with_bearer_and_only_on_its_project(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("SCOPED", Ct);
        await server.CreateProjectAsync("ELSEWHERE", Ct);
        await server.InsertRepositoryAsync("ELSEWHERE", "app");
        using var admin = server.AdminClient();
        var token = (await admin.CreateTokenAsync("projects/SCOPED", ["PROJECT_READ", "REPO_READ"], Ct)).Raw();
        using var bearer = server.BearerClient(token);
        using var basic = server.BasicTokenClient("admin", token);

        var own = await bearer.GetAsync($"{Api}/SCOPED", Ct);
        await own.ExpectAsync(HttpStatusCode.OK, Ct);
        await (await bearer.GetAsync($"{Api}/ELSEWHERE", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await bearer.GetAsync($"{Api}/ELSEWHERE/repos/app/permissions/users", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var listed = await (await bearer.GetAsync(Api, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(["SCOPED"], listed.Strings("key"));
        await (await basic.GetAsync($"{Api}/SCOPED", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Read_token_cannot_write_even_when_its_owner_could(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("READONLY", Ct);
        await server.InsertRepositoryAsync("READONLY", "app");
        await server.CreateUserAsync("capped", Ct);
        await GrantProjectAsync(server, "READONLY", "capped", "PROJECT_ADMIN");
        using var password = server.Client("capped");
        using var admin = server.AdminClient();
        using var personal = server.BearerClient((await password.CreateTokenAsync("users/capped", ["PROJECT_READ", "REPO_READ"], Ct)).Raw());
        using var repoRead = server.BearerClient((await admin.CreateTokenAsync("projects/READONLY/repos/app", ["REPO_READ"], Ct)).Raw());
        using var repoAdmin = server.BearerClient((await admin.CreateTokenAsync("projects/READONLY/repos/app", ["REPO_ADMIN"], Ct)).Raw());

        await (await personal.GetAsync($"{Api}/READONLY", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await personal.PutAsJsonAsync($"{Api}/READONLY", new { description = "via token" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await personal.SendEmptyAsync(HttpMethod.Put, $"{Api}/READONLY/repos/app/permissions/users?name=capped&permission=REPO_ADMIN", Ct))
            .ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await repoRead.GetAsync($"{Api}/READONLY/repos/app/permissions/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await repoAdmin.GetAsync($"{Api}/READONLY/repos/app/permissions/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await password.PutAsJsonAsync($"{Api}/READONLY", new { description = "via password" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var description = await server.WithDatabaseAsync(db => db.Projects.Where(p => p.Key == "READONLY").Select(p => p.Description).SingleAsync());
        Assert.Equal("via password", description);
    }

    [Theory]
    [AllDatabases]
    public async Task Revoked_and_narrowed_tokens_change_on_the_next_request(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("REVOKED", Ct);
        using var admin = server.AdminClient();
        var created = await admin.CreateTokenAsync("projects/REVOKED", ["PROJECT_ADMIN", "REPO_ADMIN"], Ct);
        using var bearer = server.BearerClient(created.Raw());
        await (await bearer.PutAsJsonAsync($"{Api}/REVOKED", new { description = "while admin" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await (await admin.PostAsJsonAsync($"{Tokens}/projects/REVOKED/{created.Id()}", new { permissions = new[] { "PROJECT_READ", "REPO_READ" } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);

        await (await bearer.PutAsJsonAsync($"{Api}/REVOKED", new { description = "after narrowing" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await bearer.GetAsync($"{Api}/REVOKED", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await (await admin.DeleteAsync($"{Tokens}/projects/REVOKED/{created.Id()}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        var refused = await (await bearer.GetAsync($"{Api}/REVOKED", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.Equal("com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException", refused.ExceptionName());
    }

    [Theory]
    [AllDatabases]
    public async Task Expired_token_is_refused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("expiring", Ct);
        using var password = server.Client("expiring");
        var created = await password.CreateTokenAsync("users/expiring", ["REPO_READ"], Ct, expiryDays: 1);
        var id = long.Parse(created.Id(), System.Globalization.CultureInfo.InvariantCulture);
        await server.WithDatabaseAsync(db => db.AccessTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiryDate, 1L)));
        using var bearer = server.BearerClient(created.Raw());
        using var basic = server.BasicTokenClient("expiring", created.Raw());

        await (await bearer.GetAsync(Api, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await basic.GetAsync(Api, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Tokens_of_deactivated_or_deleted_users_are_refused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("leaver", Ct);
        await server.CreateUserAsync("departed", Ct);
        using var leaver = server.Client("leaver");
        using var departed = server.Client("departed");
        var leaverToken = (await leaver.CreateTokenAsync("users/leaver", ["REPO_READ"], Ct)).Raw();
        var departedToken = (await departed.CreateTokenAsync("users/departed", ["REPO_READ"], Ct)).Raw();

        await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "leaver").ExecuteUpdateAsync(s => s.SetProperty(u => u.Active, false)));
        await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "departed").ExecuteDeleteAsync());

        using var asLeaver = server.BearerClient(leaverToken);
        using var asDeparted = server.BasicTokenClient("departed", departedToken);
        await (await asLeaver.GetAsync(Api, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await asDeparted.GetAsync(Api, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Admin_token_cannot_manage_tokens_or_use_global_permissions(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var token = (await admin.CreateTokenAsync("users/admin", ["PROJECT_ADMIN", "REPO_ADMIN"], Ct)).Raw();
        using var bearer = server.BearerClient(token);
        using var basic = server.BasicTokenClient("admin", token);

        foreach (var client in new[] { bearer, basic })
        {
            await (await client.GetAsync($"{Tokens}/users/admin", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            await (await client.PutAsJsonAsync($"{Tokens}/users/admin", new { name = "minted", permissions = new[] { "REPO_READ" } }, Ct))
                .ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            var createProject = await (await client.PostAsJsonAsync(Api, new { key = "BYTOKEN", name = "By token" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            Assert.Equal("com.atlassian.bitbucket.AuthorisationException", createProject.ExceptionName());
        }

        Assert.Equal(1, await server.WithDatabaseAsync(db => db.AccessTokens.CountAsync(t => db.Users.Any(u => u.Id == t.UserId && u.UserName == "admin"))));
        Assert.False(await server.WithDatabaseAsync(db => db.Projects.AnyAsync(p => p.Key == "BYTOKEN")));
    }

    private static async Task GrantProjectAsync(GitHostTestServer server, string key, string user, string permission)
    {
        using var admin = server.AdminClient();
        await (await admin.SendEmptyAsync(HttpMethod.Put, $"{Api}/{key}/permissions/users?name={user}&permission={permission}", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
    }
}
