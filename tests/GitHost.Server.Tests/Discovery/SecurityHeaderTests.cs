using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Discovery;

/// <summary>Headers that keep browsers from sniffing types, leaking URLs in Referer, and caches from keeping private answers.</summary>
public sealed class SecurityHeaderTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/rest/api/1.0/users/admin")]
    [InlineData("/rest/api/1.0/projects/NO-SUCH-PROJECT")]
    [InlineData("/rest/api/1.0/admin/users")]
    [InlineData("/rest/no-such-module/1.0/anything")]
    public async Task Rest_answers_are_never_stored_sniffed_or_referred(string path)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        using var response = await admin.GetAsync(path, Ct);

        AssertHardened(response);
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_new_access_token_is_answered_with_no_store()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();

        using var response = await admin.PutAsJsonAsync("/rest/access-tokens/1.0/users/admin", new { name = "hdr", permissions = new[] { "REPO_READ" } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHardened(response);
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Anonymous_and_non_rest_answers_are_hardened_too()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var anonymous = server.Client();

        using var status = await anonymous.GetAsync("/status", Ct);
        using var refused = await anonymous.GetAsync("/rest/api/1.0/admin/users", Ct);

        AssertHardened(status);
        AssertHardened(refused);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(refused.Headers.CacheControl?.NoStore, refused.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Without_a_base_url_a_server_reachable_from_other_machines_warns_at_start()
    {
        await using var reachable = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:0" });
        await using var configured = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["urls"] = "http://0.0.0.0:0",
            ["GitHost:BaseUrl"] = "https://git.example.com",
        });
        var loopback = await servers.GetAsync(DatabaseProvider.Sqlite);
        foreach (var server in new[] { reachable, configured, loopback })
        {
            await server.Logs.WaitForAsync(l => l.Contains("GitHost is listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(30), Ct);
        }

        Assert.True(reachable.Logs.Contains("GitHost:BaseUrl is not set and the server listens on http://0.0.0.0:"));
        Assert.False(configured.Logs.Contains("GitHost:BaseUrl is not set"));
        Assert.False(loopback.Logs.Contains("GitHost:BaseUrl is not set"));
    }

    private static void AssertHardened(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
