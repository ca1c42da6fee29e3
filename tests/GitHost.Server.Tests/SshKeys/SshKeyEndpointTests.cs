using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Services.Ssh;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.SshKeys;

public sealed class SshKeyEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Keys = "/rest/ssh/1.0/keys";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Added_key_is_returned_with_bitbucket_shape_and_listed_for_its_owner(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("keyowner", Ct);
        using var owner = server.Client("keyowner");
        var generated = await SshKeyGen.GenerateAsync("ed25519", null, Ct);

        var created = await (await owner.PostAsJsonAsync(Keys, new { text = generated.PublicLine, expiryDays = 30 }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal(generated.PublicLine, created.GetProperty("text").GetString());
        Assert.Equal("tester@example", created.GetProperty("label").GetString());
        Assert.Equal("ED25519", created.GetProperty("algorithmType").GetString());
        Assert.Equal(256, created.GetProperty("bitLength").GetInt32());
        Assert.Equal(30, created.GetProperty("expiryDays").GetInt32());
        Assert.Equal(generated.Fingerprint["SHA256:".Length..], created.GetProperty("fingerprint").GetString());
        Assert.True(created.GetProperty("createdDate").GetInt64() > 0);
        var id = created.GetProperty("id").GetInt64();

        var listed = await (await owner.GetAsync(Keys, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var entry = Assert.Single(listed.Values().EnumerateArray());
        Assert.Equal(id, entry.GetProperty("id").GetInt64());
        var fetched = await (await owner.GetAsync($"/rest/ssh/latest/keys/{id}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(generated.PublicLine, fetched.GetProperty("text").GetString());
        Assert.Equal(1, await server.OutboxCountAsync(SshKeyEvents.UserKeyAdded, generated.JsonFingerprint));
    }

    [Theory]
    [AllDatabases]
    public async Task Explicit_label_wins_over_the_comment(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("labeller", Ct);
        using var owner = server.Client("labeller");
        var generated = await SshKeyGen.GenerateAsync("ecdsa", 256, Ct);

        var created = await (await owner.PostAsJsonAsync(Keys, new { text = generated.PublicLine, label = "laptop" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        Assert.Equal("laptop", created.GetProperty("label").GetString());
        Assert.Equal("ECDSA", created.GetProperty("algorithmType").GetString());
        Assert.False(created.TryGetProperty("expiryDays", out _));
    }

    [Theory]
    [AllDatabases]
    public async Task Same_key_for_a_second_user_is_a_conflict_saying_it_is_in_use(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("first-holder", Ct);
        await server.CreateUserAsync("second-holder", Ct);
        using var first = server.Client("first-holder");
        using var second = server.Client("second-holder");
        var generated = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        await (await first.PostAsJsonAsync(Keys, new { text = generated.PublicLine }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var error = await (await second.PostAsJsonAsync(Keys, new { text = generated.PublicLine + " other comment" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var again = await (await first.PostAsJsonAsync(Keys, new { text = generated.PublicLine }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Contains("already in use", error.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Contains("already in use", again.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(1, await server.WithDatabaseAsync(db => db.SshKeys.CountAsync(k => k.FingerprintSha256 == generated.Fingerprint)));
    }

    [Theory]
    [AllDatabases]
    public async Task Invalid_key_and_private_key_are_400_with_a_message(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("paster", Ct);
        using var owner = server.Client("paster");
        var generated = await SshKeyGen.GenerateAsync("ed25519", null, Ct);

        var privateKey = await (await owner.PostAsJsonAsync(Keys, new { text = generated.PrivateText }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await owner.PostAsJsonAsync(Keys, new { text = "ssh-ed25519 AAAA" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Contains("private key", privateKey.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("text", privateKey.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.SshKeys.CountAsync(k => k.UserId != null && db.Users.Any(u => u.Id == k.UserId && u.UserName == "paster"))));
    }

    [Theory]
    [AllDatabases]
    public async Task Users_manage_only_their_own_keys_and_admins_anyones(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("alice-keys", Ct);
        await server.CreateUserAsync("mallory-keys", Ct);
        using var alice = server.Client("alice-keys");
        using var mallory = server.Client("mallory-keys");
        using var admin = server.AdminClient();
        using var anonymous = server.Client();
        var generated = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        var created = await (await alice.PostAsJsonAsync(Keys, new { text = generated.PublicLine }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var id = created.GetProperty("id").GetInt64();

        await (await mallory.GetAsync($"{Keys}/{id}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await mallory.DeleteAsync($"{Keys}/{id}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await mallory.GetAsync($"{Keys}?user=alice-keys", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await mallory.DeleteAsync($"{Keys}?user=alice-keys", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await anonymous.GetAsync(Keys, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var asAdmin = await (await admin.GetAsync($"{Keys}?user=alice-keys", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(id, Assert.Single(asAdmin.Values().EnumerateArray()).GetProperty("id").GetInt64());

        using var response = await admin.DeleteAsync($"{Keys}/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(await server.WithDatabaseAsync(db => db.SshKeys.AnyAsync(k => k.Id == id)));
        Assert.Equal(1, await server.OutboxCountAsync(SshKeyEvents.UserKeyDeleted, generated.JsonFingerprint));
    }

    [Theory]
    [AllDatabases]
    public async Task Admin_deletes_all_keys_of_a_user_and_deleting_the_user_deletes_them_too(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("many-keys", Ct);
        await server.CreateUserAsync("leaver", Ct);
        using var many = server.Client("many-keys");
        using var leaver = server.Client("leaver");
        using var admin = server.AdminClient();
        foreach (var type in new[] { "ed25519", "ecdsa" })
        {
            await (await many.PostAsJsonAsync(Keys, new { text = (await SshKeyGen.GenerateAsync(type, null, Ct)).PublicLine }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        }

        await (await leaver.PostAsJsonAsync(Keys, new { text = (await SshKeyGen.GenerateAsync("ed25519", null, Ct)).PublicLine }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var leaverId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "leaver").Select(u => u.Id).SingleAsync());

        using (var all = await admin.DeleteAsync($"{Keys}?user=many-keys", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        }

        using (var deleted = await admin.DeleteAsync("/rest/api/1.0/admin/users?name=leaver", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var listed = await (await admin.GetAsync($"{Keys}?user=many-keys", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Empty(listed.Values().EnumerateArray());
        Assert.False(await server.WithDatabaseAsync(db => db.SshKeys.AnyAsync(k => k.UserId == leaverId)));
    }
}
