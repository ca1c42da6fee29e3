using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Services.AccessTokens;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static GitHost.Server.Tests.AccessTokens.AccessTokenTestData;

namespace GitHost.Server.Tests.AccessTokens;

public sealed class AccessTokenEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Created_token_is_shown_once_and_only_its_hash_is_stored(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("owner", Ct);
        using var owner = server.Client("owner");

        var created = await owner.CreateTokenAsync("users/owner", ["REPO_WRITE", "project_read"], Ct, expiryDays: 30);

        Assert.StartsWith(AccessTokenSecret.Prefix, created.Raw());
        Assert.True(long.TryParse(created.Id(), out var id));
        Assert.Equal("ci token", created.GetProperty("name").GetString());
        Assert.Equal(["PROJECT_READ", "REPO_WRITE"], created.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("owner", created.GetProperty("user").GetProperty("name").GetString());
        var createdDate = created.GetProperty("createdDate").GetInt64();
        Assert.Equal(createdDate + (30L * 86_400_000), created.GetProperty("expiryDate").GetInt64());

        var listed = await (await owner.GetAsync($"{Tokens}/users/owner", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var entry = Assert.Single(listed.GetProperty("values").EnumerateArray());
        Assert.Equal(created.Id(), entry.GetProperty("id").GetString());
        Assert.False(entry.TryGetProperty("token", out _));
        var fetched = await (await owner.GetAsync($"{Tokens}/users/owner/{created.Id()}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.False(fetched.TryGetProperty("token", out _));

        var stored = await server.WithDatabaseAsync(db => db.AccessTokens.SingleAsync(t => t.Id == id));
        Assert.Equal(AccessTokenSecret.Hash(created.Raw()), stored.TokenHash);
        Assert.NotEqual(created.Raw(), stored.TokenHash);
        Assert.Equal(1, await server.OutboxCountAsync(AccessTokenService.CreatedEvent, $"\"id\":\"{id}\""));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(o => o.Payload.Contains(created.Raw()))));
    }

    [Theory]
    [AllDatabases]
    public async Task Token_can_be_renamed_and_revoked_by_its_owner(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("renamer", Ct);
        using var owner = server.Client("renamer");
        var created = await owner.CreateTokenAsync("users/renamer", ["PROJECT_READ"], Ct);
        Assert.Equal(["PROJECT_READ", "REPO_READ"], created.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));

        var updated = await (await owner.PostAsJsonAsync($"{Tokens}/users/renamer/{created.Id()}", new { name = "renamed", permissions = new[] { "PROJECT_WRITE", "REPO_ADMIN" } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("renamed", updated.GetProperty("name").GetString());
        Assert.Equal(["PROJECT_WRITE", "REPO_ADMIN"], updated.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.False(updated.TryGetProperty("token", out _));

        await (await owner.DeleteAsync($"{Tokens}/users/renamer/{created.Id()}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await owner.GetAsync($"{Tokens}/users/renamer/{created.Id()}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal(1, await server.OutboxCountAsync(AccessTokenService.RevokedEvent, $"\"id\":\"{created.Id()}\""));
    }

    [Theory]
    [AllDatabases]
    public async Task Bad_token_requests_are_refused_and_write_nothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("TOKBAD", Ct);
        await server.InsertRepositoryAsync("TOKBAD", "app");
        var userId = await server.CreateUserAsync("badtokens", Ct);
        using var user = server.Client("badtokens");
        using var admin = server.AdminClient();
        var cases = new (HttpClient Client, string Path, object Body)[]
        {
            (user, "users/badtokens", new { permissions = new[] { "REPO_READ" } }),
            (user, "users/badtokens", new { name = " ", permissions = new[] { "REPO_READ" } }),
            (user, "users/badtokens", new { name = "t" }),
            (user, "users/badtokens", new { name = "t", permissions = Array.Empty<string>() }),
            (user, "users/badtokens", new { name = "t", permissions = new[] { "REPO_SUPERPOWER" } }),
            (user, "users/badtokens", new { name = "t", permissions = new[] { "ADMIN" } }),
            (user, "users/badtokens", new { name = "t", permissions = new[] { "PROJECT_VIEW" } }),
            (user, "users/badtokens", new { name = "t", permissions = new[] { "PROJECT_WRITE", "REPO_READ" } }),
            (user, "users/badtokens", new { name = "t", permissions = new[] { "REPO_READ", "REPO_WRITE" } }),
            (user, "users/badtokens", new { name = "t", permissions = new[] { "REPO_READ" }, expiryDays = 0 }),
            (admin, "projects/TOKBAD", new { name = "t", permissions = new[] { "SYS_ADMIN" } }),
            (admin, "projects/TOKBAD/repos/app", new { name = "t", permissions = new[] { "PROJECT_READ", "REPO_READ" } }),
        };

        foreach (var (client, path, body) in cases)
        {
            await (await client.PutAsJsonAsync($"{Tokens}/{path}", body, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        }

        await (await user.PutAsync($"{Tokens}/users/badtokens", null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.AccessTokens.CountAsync(t => t.UserId == userId || t.CreatedByUserId == userId)));
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.AccessTokens.CountAsync(t => db.Projects.Any(p => p.Key == "TOKBAD" && p.Id == t.ProjectId))));
    }

    [Theory]
    [AllDatabases]
    public async Task Users_manage_only_their_own_tokens_and_admins_anyones(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("alice", Ct);
        await server.CreateUserAsync("mallory", Ct);
        using var alice = server.Client("alice");
        using var mallory = server.Client("mallory");
        using var admin = server.AdminClient();
        using var anonymous = server.Client();
        var created = await alice.CreateTokenAsync("users/alice", ["REPO_READ"], Ct);

        await (await mallory.GetAsync($"{Tokens}/users/alice", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await mallory.PutAsJsonAsync($"{Tokens}/users/alice", new { name = "t", permissions = new[] { "REPO_READ" } }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await mallory.DeleteAsync($"{Tokens}/users/alice/{created.Id()}", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await mallory.DeleteAsync($"{Tokens}/users/mallory/{created.Id()}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await mallory.GetAsync($"{Tokens}/users/mallory/not-a-number", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await anonymous.GetAsync($"{Tokens}/users/alice", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var noUser = await (await admin.GetAsync($"{Tokens}/users/ghost", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal("com.atlassian.bitbucket.user.NoSuchUserException", noUser.ExceptionName());

        var listed = await (await admin.GetAsync($"{Tokens}/users/alice", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal([created.Id()], listed.Strings("id"));
        await (await admin.DeleteAsync($"{Tokens}/users/alice/{created.Id()}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Project_and_repository_tokens_need_admin_on_their_resource(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("TOKADMIN", Ct);
        await server.InsertRepositoryAsync("TOKADMIN", "app");
        await server.CreateUserAsync("tokwriter", Ct);
        await server.CreateUserAsync("tokrepoadmin", Ct);
        using var admin = server.AdminClient();
        using var writer = server.Client("tokwriter");
        using var repoAdmin = server.Client("tokrepoadmin");
        await (await admin.SendEmptyAsync(HttpMethod.Put, "/rest/api/1.0/projects/TOKADMIN/permissions/users?name=tokwriter&permission=PROJECT_WRITE", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.SendEmptyAsync(HttpMethod.Put, "/rest/api/1.0/projects/TOKADMIN/repos/app/permissions/users?name=tokrepoadmin&permission=REPO_ADMIN", Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        var body = new { name = "t", permissions = new[] { "REPO_READ" } };

        await (await writer.PutAsJsonAsync($"{Tokens}/projects/TOKADMIN", body, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await writer.PutAsJsonAsync($"{Tokens}/projects/TOKADMIN/repos/app", body, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await repoAdmin.PutAsJsonAsync($"{Tokens}/projects/TOKADMIN", body, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var repoToken = await repoAdmin.CreateTokenAsync("projects/TOKADMIN/repos/app", ["repo_write"], Ct);
        var projectToken = await admin.CreateTokenAsync("projects/tokadmin", ["PROJECT_WRITE", "REPO_WRITE"], Ct);

        Assert.Equal(["REPO_WRITE"], repoToken.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("SERVICE", repoToken.GetProperty("user").GetProperty("type").GetString());
        Assert.Equal($"token-{projectToken.Id()}", projectToken.GetProperty("user").GetProperty("name").GetString());
        var repoTokens = await (await repoAdmin.GetAsync($"{Tokens}/projects/TOKADMIN/repos/app", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal([repoToken.Id()], repoTokens.Strings("id"));
        var projectTokens = await (await admin.GetAsync($"{Tokens}/projects/TOKADMIN", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal([projectToken.Id()], projectTokens.Strings("id"));
        await (await admin.GetAsync($"{Tokens}/projects/TOKADMIN/{repoToken.Id()}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.DeleteAsync($"{Tokens}/projects/TOKADMIN/repos/app/{repoToken.Id()}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Token_count_is_capped_per_owner(DatabaseProvider provider)
    {
        await using var server = await GitHostTestServer.StartAsync(provider, Ct, new Dictionary<string, string?> { ["GitHost:Security:MaxTokensPerOwner"] = "2" });
        await server.CreateUserAsync("hoarder", Ct);
        using var hoarder = server.Client("hoarder");
        await hoarder.CreateTokenAsync("users/hoarder", ["REPO_READ"], Ct);
        await hoarder.CreateTokenAsync("users/hoarder", ["REPO_READ"], Ct);

        var refused = await (await hoarder.PutAsJsonAsync($"{Tokens}/users/hoarder", new { name = "third", permissions = new[] { "REPO_READ" } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Contains("maximum", refused.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, await server.WithDatabaseAsync(db => db.AccessTokens.CountAsync()));
    }
}
