using System.Net;
using System.Net.Http.Json;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Services.Permissions;
using GitHost.Services.Ssh;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.SshKeys;

public sealed class SshKeyAuthenticationTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task User_key_authenticates_as_its_user_and_records_the_use(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var userId = await server.CreateUserAsync("ssh-user", Ct);
        using var client = server.Client("ssh-user");
        var generated = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        await (await client.PostAsJsonAsync("/rest/ssh/1.0/keys", new { text = generated.PublicLine }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var principal = await AuthenticateAsync(server, generated);

        Assert.NotNull(principal);
        Assert.Equal(userId, principal.UserId);
        Assert.Null(principal.Token);
        Assert.NotNull(await server.WithDatabaseAsync(db => db.SshKeys.Where(k => k.UserId == userId).Select(k => k.LastAuthenticated).SingleAsync()));
    }

    [Theory]
    [AllDatabases]
    public async Task Expired_unknown_and_inactive_users_keys_are_nobody(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var expiringId = await server.CreateUserAsync("ssh-expiring", Ct);
        var inactiveId = await server.CreateUserAsync("ssh-inactive", Ct);
        using var expiring = server.Client("ssh-expiring");
        using var inactive = server.Client("ssh-inactive");
        var expired = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        var disabled = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        await (await expiring.PostAsJsonAsync("/rest/ssh/1.0/keys", new { text = expired.PublicLine, expiryDays = 1 }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await inactive.PostAsJsonAsync("/rest/ssh/1.0/keys", new { text = disabled.PublicLine }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await server.WithDatabaseAsync(async db =>
        {
            await db.SshKeys.Where(k => k.UserId == expiringId).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiryDate, 1L), Ct);
            return await db.Users.Where(u => u.Id == inactiveId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Active, false), Ct);
        });

        Assert.Null(await AuthenticateAsync(server, expired));
        Assert.Null(await AuthenticateAsync(server, disabled));
        Assert.Null(await AuthenticateAsync(server, await SshKeyGen.GenerateAsync("ed25519", null, Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Read_access_key_reads_its_repository_only_and_never_writes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("AKAUTH", Ct);
        await server.CreateProjectAsync("AKOTHER", Ct);
        await server.CreateRepositoryAsync("AKAUTH", "granted", Ct);
        await server.CreateRepositoryAsync("AKAUTH", "sibling", Ct);
        await server.CreateRepositoryAsync("AKOTHER", "elsewhere", Ct);
        using var admin = server.AdminClient();
        var generated = await SshKeyGen.GenerateAsync("ecdsa", 384, Ct);
        await (await admin.PostAsJsonAsync("/rest/keys/1.0/projects/AKAUTH/repos/granted/ssh", new { key = new { text = generated.PublicLine }, permission = "REPO_READ" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);

        var principal = await AuthenticateAsync(server, generated);

        Assert.NotNull(principal);
        Assert.Null(principal.UserId);
        Assert.True(principal.IsAuthenticated);
        Assert.Equal(Permission.RepoRead, await LevelAsync(server, principal, "AKAUTH", "granted"));
        Assert.Equal(Permission.None, await LevelAsync(server, principal, "AKAUTH", "sibling"));
        Assert.Equal(Permission.None, await LevelAsync(server, principal, "AKOTHER", "elsewhere"));
        await using var scope = server.Services.CreateAsyncScope();
        Assert.Equal(Permission.None, await scope.ServiceProvider.GetRequiredService<PermissionService>().GlobalLevelAsync(principal, Ct));
    }

    [Theory]
    [AllDatabases]
    public async Task Access_key_on_several_repositories_answers_per_repository(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("AKPER", Ct);
        await server.CreateRepositoryAsync("AKPER", "reads", Ct);
        await server.CreateRepositoryAsync("AKPER", "writes", Ct);
        using var admin = server.AdminClient();
        var generated = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        foreach (var (slug, permission) in new[] { ("reads", "REPO_READ"), ("writes", "REPO_WRITE") })
        {
            await (await admin.PostAsJsonAsync($"/rest/keys/1.0/projects/AKPER/repos/{slug}/ssh", new { key = new { text = generated.PublicLine }, permission }, Ct))
                .ExpectAsync(HttpStatusCode.Created, Ct);
        }

        await using var scope = server.Services.CreateAsyncScope();
        var identity = await scope.ServiceProvider.GetRequiredService<SshKeyAuthentication>().IdentifyAsync(Blob(generated), Ct);

        Assert.NotNull(identity);
        Assert.True(identity.IsAccessKey);
        Assert.Null(await AuthenticateAsync(server, generated));
        Assert.Equal(Permission.RepoRead, await LevelAsync(server, identity, "AKPER", "reads"));
        Assert.Equal(Permission.RepoWrite, await LevelAsync(server, identity, "AKPER", "writes"));
    }

    private static byte[] Blob(GeneratedKey key) => Convert.FromBase64String(key.PublicLine.Split(' ')[1]);

    private static async Task<Principal?> AuthenticateAsync(GitHostTestServer server, GeneratedKey key)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SshKeyAuthentication>().AuthenticateAsync(Blob(key), Ct);
    }

    private static async Task<Permission> LevelAsync(GitHostTestServer server, Principal principal, string projectKey, string slug)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
        var project = await db.Projects.SingleAsync(p => p.Key == projectKey, Ct);
        var repository = await db.Repositories.SingleAsync(r => r.ProjectId == project.Id && r.Slug == slug, Ct);
        return await scope.ServiceProvider.GetRequiredService<PermissionService>().RepositoryLevelAsync(principal, repository, project, Ct);
    }

    private static async Task<Permission> LevelAsync(GitHostTestServer server, SshKeyIdentity identity, string projectKey, string slug)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
        var project = await db.Projects.SingleAsync(p => p.Key == projectKey, Ct);
        var repository = await db.Repositories.SingleAsync(r => r.ProjectId == project.Id && r.Slug == slug, Ct);
        var principal = identity.PrincipalFor(repository.Id, project.Id);
        return principal is null ? Permission.None
            : await scope.ServiceProvider.GetRequiredService<PermissionService>().RepositoryLevelAsync(principal, repository, project, Ct);
    }
}
