using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.RateLimiting;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.RateLimiting;

public sealed class RateLimitTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Rate_limiting_is_off_by_default_with_bitbuckets_example_bucket(DatabaseProvider provider)
    {
        await using var server = await GitHostTestServer.StartAsync(provider, Ct);
        using var admin = server.AdminClient();

        var settings = await (await admin.GetAsync("/rest/api/1.0/admin/rate-limit/settings", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var response = await admin.GetAsync("/rest/api/1.0/projects", Ct);

        Assert.False(settings.GetProperty("enabled").GetBoolean());
        Assert.Equal(60, settings.GetProperty("defaultSettings").GetProperty("capacity").GetInt32());
        Assert.Equal(5, settings.GetProperty("defaultSettings").GetProperty("fillRate").GetInt32());
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    [Theory]
    [AllDatabases]
    public async Task User_over_their_bucket_gets_429_with_retry_after_and_envelope(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = await EnableWithAdminWhitelistedAsync(server, capacity: 1000, fillRate: 100);
        var user = "limited-" + provider;
        await server.CreateUserAsync(user, Ct);
        await (await admin.PutAsJsonAsync($"/rest/api/1.0/admin/rate-limit/settings/users/{user}", new { settings = new { capacity = 3, fillRate = 1 } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        using var client = server.Client(user);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await client.GetAsync("/rest/api/1.0/projects", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal("3", response.Headers.GetValues("X-RateLimit-Limit").Single());
            }
        }

        // The bucket starts full: the first three requests always pass.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.NotNull(limited);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 5);
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        var error = await limited.ExpectAsync(HttpStatusCode.TooManyRequests, Ct);
        Assert.Equal("com.atlassian.bitbucket.throttle.RateLimitedException", error.ExceptionName());
    }

    [Theory]
    [AllDatabases]
    public async Task Default_bucket_applies_to_users_without_override_and_whitelisted_users_are_exempt(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = await EnableWithAdminWhitelistedAsync(server, capacity: 2, fillRate: 1);
        var user = "default-bucket-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var client = server.Client(user);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await client.GetAsync("/rest/api/1.0/projects", Ct)).StatusCode);
        }

        var adminStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            adminStatuses.Add((await admin.GetAsync("/rest/api/1.0/projects", Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(adminStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Theory]
    [AllDatabases]
    public async Task Anonymous_requests_are_never_limited(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = await EnableWithAdminWhitelistedAsync(server, capacity: 1, fillRate: 1);
        using var anonymous = server.Client();

        for (var i = 0; i < 10; i++)
        {
            var response = await anonymous.GetAsync("/rest/api/1.0/application-properties", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        }
    }

    [Theory]
    [AllDatabases]
    public async Task Settings_are_persisted_and_a_fresh_store_loads_them(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = await EnableWithAdminWhitelistedAsync(server, capacity: 77, fillRate: 7);

        var fetched = await (await admin.GetAsync("/rest/api/latest/admin/rate-limit/settings", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var restarted = new RateLimitSettingsStore(
            server.Services.GetRequiredService<IServiceScopeFactory>(), server.Services.GetRequiredService<IOptions<RateLimitOptions>>(),
            new GitHost.Services.Cluster.LocalClusterBus());
        var loaded = await restarted.GetAsync(Ct);
        var adminId = await server.WithDatabaseAsync(db => db.Users.Where(u => u.Slug == GitHostTestServer.AdminUser).Select(u => u.Id).SingleAsync(Ct));

        Assert.True(fetched.GetProperty("enabled").GetBoolean());
        Assert.Equal(77, fetched.GetProperty("defaultSettings").GetProperty("capacity").GetInt32());
        Assert.True(loaded.Enabled);
        Assert.Equal(new RateLimitBucket(77, 7), loaded.Default);
        Assert.True(loaded.Users[adminId].Whitelisted);
    }

    [Theory]
    [AllDatabases]
    public async Task Partial_update_keeps_the_members_not_sent(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = await EnableWithAdminWhitelistedAsync(server, capacity: 40, fillRate: 4);

        var updated = await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/rate-limit/settings", new { defaultSettings = new { fillRate = 9 } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.True(updated.GetProperty("enabled").GetBoolean());
        Assert.Equal(40, updated.GetProperty("defaultSettings").GetProperty("capacity").GetInt32());
        Assert.Equal(9, updated.GetProperty("defaultSettings").GetProperty("fillRate").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task User_override_can_be_read_listed_and_deleted(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = await EnableWithAdminWhitelistedAsync(server, capacity: 1000, fillRate: 100);
        var user = "override-" + provider;
        await server.CreateUserAsync(user, Ct);
        await (await admin.PutAsJsonAsync($"/rest/api/1.0/admin/rate-limit/settings/users/{user}", new { whitelisted = true }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var fetched = await (await admin.GetAsync($"/rest/api/1.0/admin/rate-limit/settings/users/{user}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var listed = await (await admin.GetAsync("/rest/api/1.0/admin/rate-limit/settings/users?limit=1000", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync($"/rest/api/1.0/admin/rate-limit/settings/users/{user}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.GetAsync($"/rest/api/1.0/admin/rate-limit/settings/users/{user}", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.Equal(user, fetched.GetProperty("user").GetProperty("name").GetString());
        Assert.True(fetched.GetProperty("whitelisted").GetBoolean());
        Assert.False(fetched.TryGetProperty("settings", out _));
        Assert.Contains(listed.GetProperty("values").EnumerateArray(), v => v.GetProperty("user").GetProperty("slug").GetString() == user.ToLowerInvariant());
    }

    [Theory]
    [AllDatabases]
    public async Task Settings_need_admin_and_valid_values(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "not-admin-rl-" + provider;
        await server.CreateUserAsync(user, Ct, GitHost.Core.Permissions.Permission.ProjectCreate);
        using var plain = server.Client(user);
        using var admin = server.AdminClient();

        var denied = await (await plain.GetAsync("/rest/api/1.0/admin/rate-limit/settings", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await plain.PutAsJsonAsync("/rest/api/1.0/admin/rate-limit/settings", new { enabled = true }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var invalid = await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/rate-limit/settings", new { defaultSettings = new { capacity = 0 } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/rate-limit/settings/users/nobody-here", new { whitelisted = true }, Ct))
            .ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.Equal("com.atlassian.bitbucket.AuthorisationException", denied.ExceptionName());
        Assert.Equal("capacity", invalid.GetProperty("errors")[0].GetProperty("context").GetString());
    }

    [Fact]
    public async Task Configured_bucket_applies_when_no_settings_were_saved()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:RateLimit:Enabled"] = "true",
            ["GitHost:RateLimit:Capacity"] = "2",
            ["GitHost:RateLimit:FillRate"] = "1",
        });
        using var admin = server.AdminClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await admin.GetAsync("/rest/api/1.0/projects", Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Invalid_configured_bucket_fails_startup()
    {
        var failure = Assert.IsType<OptionsValidationException>(
            await GitHostTestServer.StartupFailureAsync(new Dictionary<string, string?> { ["GitHost:RateLimit:Capacity"] = "0" }, Ct));

        Assert.Contains("Capacity", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Enables limiting with the given default bucket and exempts the admin, so set-up calls are never limited.</summary>
    private static async Task<HttpClient> EnableWithAdminWhitelistedAsync(GitHostTestServer server, int capacity, int fillRate)
    {
        var admin = server.AdminClient();
        await (await admin.PutAsJsonAsync($"/rest/api/1.0/admin/rate-limit/settings/users/{GitHostTestServer.AdminUser}", new { whitelisted = true }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/rate-limit/settings", new { enabled = true, defaultSettings = new { capacity, fillRate } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        return admin;
    }
}
