using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Services.Ssh;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.SshKeys;

public sealed class AccessKeyEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Keys = "/rest/keys/1.0/projects";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Repository_access_key_has_bitbucket_shape_and_its_permission_can_change(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("AKREPO", Ct);
        await server.CreateRepositoryAsync("AKREPO", "deploy", Ct);
        using var admin = server.AdminClient();
        var generated = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        var path = $"{Keys}/AKREPO/repos/deploy/ssh";

        var created = await (await admin.PostAsJsonAsync(path, new { key = new { text = generated.PublicLine, label = "ci" }, permission = "repo_read" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal("REPO_READ", created.GetProperty("permission").GetString());
        Assert.Equal("ci", created.GetProperty("key").GetProperty("label").GetString());
        Assert.Equal("deploy", created.GetProperty("repository").GetProperty("slug").GetString());
        Assert.Equal("AKREPO", created.GetProperty("repository").GetProperty("project").GetProperty("key").GetString());
        Assert.False(created.TryGetProperty("project", out _));
        var id = created.GetProperty("key").GetProperty("id").GetInt64();

        var changed = await (await admin.PutAsync($"{path}/{id}/permission/REPO_WRITE", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("REPO_WRITE", changed.GetProperty("permission").GetString());
        var listed = await (await admin.GetAsync(path, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("REPO_WRITE", Assert.Single(listed.Values().EnumerateArray()).GetProperty("permission").GetString());
        await (await admin.PutAsync($"{path}/{id}/permission/REPO_ADMIN", null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PutAsync($"{path}/{id}/permission/PROJECT_READ", null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Equal(1, await server.OutboxCountAsync(SshKeyEvents.AccessKeyAdded, generated.JsonFingerprint));
        Assert.Equal(1, await server.OutboxCountAsync(SshKeyEvents.AccessKeyModified, generated.JsonFingerprint));
    }

    [Theory]
    [AllDatabases]
    public async Task Project_access_key_is_listed_fetched_and_removed_with_its_key(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("AKPROJ", Ct);
        using var admin = server.AdminClient();
        var generated = await SshKeyGen.GenerateAsync("rsa", 3072, Ct);
        var path = $"{Keys}/AKPROJ/ssh";

        var created = await (await admin.PostAsJsonAsync(path, new { key = new { text = generated.PublicLine }, permission = "PROJECT_WRITE" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var id = created.GetProperty("key").GetProperty("id").GetInt64();

        Assert.Equal("AKPROJ", created.GetProperty("project").GetProperty("key").GetString());
        Assert.Equal("RSA", created.GetProperty("key").GetProperty("algorithmType").GetString());
        Assert.Equal(3072, created.GetProperty("key").GetProperty("bitLength").GetInt32());
        var fetched = await (await admin.GetAsync($"/rest/keys/latest/projects/AKPROJ/ssh/{id}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("PROJECT_WRITE", fetched.GetProperty("permission").GetString());
        await (await admin.PostAsJsonAsync(path, new { key = new { text = generated.PublicLine }, permission = "PROJECT_READ" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        using (var removed = await admin.DeleteAsync($"{path}/{id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        await (await admin.GetAsync($"{path}/{id}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.False(await server.WithDatabaseAsync(db => db.SshKeys.AnyAsync(k => k.Id == id)));
        Assert.Equal(1, await server.OutboxCountAsync(SshKeyEvents.AccessKeyRemoved, generated.JsonFingerprint));
    }

    [Theory]
    [AllDatabases]
    public async Task One_key_serves_several_repositories_but_never_also_a_user(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("AKMANY", Ct);
        await server.CreateRepositoryAsync("AKMANY", "one", Ct);
        await server.CreateRepositoryAsync("AKMANY", "two", Ct);
        await server.CreateUserAsync("would-be-owner", Ct);
        using var admin = server.AdminClient();
        using var user = server.Client("would-be-owner");
        var shared = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        var userKey = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        await (await user.PostAsJsonAsync("/rest/ssh/1.0/keys", new { text = userKey.PublicLine }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var first = await (await admin.PostAsJsonAsync($"{Keys}/AKMANY/repos/one/ssh", new { key = new { text = shared.PublicLine }, permission = "REPO_READ" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var second = await (await admin.PostAsJsonAsync($"{Keys}/AKMANY/repos/two/ssh", new { key = new { text = shared.PublicLine }, permission = "REPO_WRITE" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var asUserKey = await (await user.PostAsJsonAsync("/rest/ssh/1.0/keys", new { text = shared.PublicLine }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var asAccessKey = await (await admin.PostAsJsonAsync($"{Keys}/AKMANY/ssh", new { key = new { text = userKey.PublicLine }, permission = "PROJECT_READ" }, Ct))
            .ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal(first.GetProperty("key").GetProperty("id").GetInt64(), second.GetProperty("key").GetProperty("id").GetInt64());
        Assert.Contains("already in use", asUserKey.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Contains("already in use", asAccessKey.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(2, await server.WithDatabaseAsync(db => db.AccessKeyGrants.CountAsync(g => g.KeyId == first.GetProperty("key").GetProperty("id").GetInt64())));
    }

    [Theory]
    [AllDatabases]
    public async Task Deleting_a_repository_deletes_its_access_key_grants(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("AKGONE", Ct);
        var repositoryId = await server.CreateRepositoryAsync("AKGONE", "doomed", Ct);
        using var admin = server.AdminClient();
        var generated = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        await (await admin.PostAsJsonAsync($"{Keys}/AKGONE/repos/doomed/ssh", new { key = new { text = generated.PublicLine }, permission = "REPO_READ" }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);

        using (var deleted = await admin.DeleteAsync("/rest/api/1.0/projects/AKGONE/repos/doomed", Ct))
        {
            Assert.True(deleted.IsSuccessStatusCode);
        }

        Assert.False(await server.WithDatabaseAsync(db => db.AccessKeyGrants.AnyAsync(g => g.RepositoryId == repositoryId)));

        // The grant-less key no longer blocks the same key from being someone's user key.
        await (await admin.PostAsJsonAsync("/rest/ssh/1.0/keys", new { text = generated.PublicLine }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task The_same_key_added_many_times_at_once_gives_one_grant_and_conflicts(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateProjectAsync("AKRACE", Ct);
        var repositoryId = await server.CreateRepositoryAsync("AKRACE", "raced", Ct);
        var generated = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        var body = new { key = new { text = generated.PublicLine }, permission = "REPO_READ" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var admin = server.AdminClient();
            using var response = await admin.PostAsJsonAsync($"{Keys}/AKRACE/repos/raced/ssh", body, Ct);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
        }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
            Assert.Contains("DuplicateEntityException", a.Body);
        });
        var createdKeyId = System.Text.Json.JsonDocument.Parse(answers.Single(a => a.StatusCode == HttpStatusCode.Created).Body).RootElement.GetProperty("key").GetProperty("id").GetInt64();
        var grantedKeys = await server.WithDatabaseAsync(db => db.AccessKeyGrants.Where(g => g.RepositoryId == repositoryId).Select(g => g.KeyId).ToListAsync());
        Assert.Equal([createdKeyId], grantedKeys);
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.SshKeys.CountAsync(k => k.PublicKey == db.SshKeys.Single(s => s.Id == createdKeyId).PublicKey)));
    }
}
