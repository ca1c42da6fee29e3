using GitHost.Testing.Webhooks;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Services.Webhooks;
using GitHost.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.Webhooks;

/// <summary>Webhook management over REST: the round trip, inherited hooks, the ping, and hostile input and destinations.</summary>
public sealed class WebhookManagementTests(WebhookServers servers) : IClassFixture<WebhookServers>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_hook_round_trips_without_showing_its_secret_and_a_repository_search_includes_its_projects_hooks(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var key = "WM" + provider.ToString()[..2].ToUpperInvariant();
        await server.CreateRepositoryAsync(key, "manage", Ct);
        using var admin = server.AdminClient();
        var repoHooks = $"/rest/api/1.0/projects/{key}/repos/manage/webhooks";
        var created = await (await admin.PostAsJsonAsync(repoHooks, new
        {
            name = "Jenkins",
            url = "https://ci.example.invalid/bitbucket-hook/",
            events = new[] { "repo:refs_changed", "pr:opened" },
            configuration = new { secret = "s3cr3t", createdBy = "jenkins" },
            credentials = new { username = "ci", password = "pw" },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var id = created.GetProperty("id").GetInt64();
        await WebhookDeliveryTests.CreateHookAsync(admin, $"/rest/api/1.0/projects/{key}/webhooks", new Uri("https://project.example.invalid/"), ["pr:merged"], Ct);
        var updated = await (await admin.PutAsJsonAsync($"{repoHooks}/{id}", new
        {
            name = "Jenkins 2", url = "https://ci.example.invalid/other", events = new[] { "pr:merged" }, active = false, configuration = new { createdBy = "jenkins" },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var secret = await server.WithDatabaseAsync(db => Task.FromResult(db.Webhooks.Single(w => w.Id == id).Secret));
        var list = await (await admin.GetAsync(repoHooks + "?event=pr:merged&statistics=true", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var search = await (await admin.GetAsync(repoHooks + "/search?scopeType=project&scopeType=repository", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var projectOnly = await (await admin.GetAsync(repoHooks + "/search?scopeType=project", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var latest = await admin.GetAsync($"{repoHooks}/{id}/latest", Ct);
        using var deleted = await admin.DeleteAsync($"{repoHooks}/{id}", Ct);
        using var gone = await admin.GetAsync($"{repoHooks}/{id}", Ct);

        Assert.Equal("repository", created.GetProperty("scopeType").GetString());
        Assert.Equal("jenkins", created.GetProperty("configuration").GetProperty("createdBy").GetString());
        Assert.False(created.GetProperty("configuration").TryGetProperty("secret", out _));
        Assert.Equal("ci", created.GetProperty("credentials").GetProperty("username").GetString());
        Assert.False(created.GetProperty("credentials").TryGetProperty("password", out _));
        Assert.Equal("s3cr3t", secret);
        Assert.Equal("Jenkins 2", updated.GetProperty("name").GetString());
        Assert.False(updated.GetProperty("active").GetBoolean());
        Assert.Equal(id, Assert.Single(list.GetProperty("values").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(0, list.GetProperty("values")[0].GetProperty("statistics").GetProperty("counts").GetProperty("successes").GetInt32());
        Assert.Equal(["repository", "project"], search.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("scopeType").GetString()));
        Assert.Equal("project", Assert.Single(projectOnly.GetProperty("values").EnumerateArray()).GetProperty("scopeType").GetString());
        Assert.Equal(HttpStatusCode.NoContent, latest.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [AllDatabases]
    public async Task The_test_endpoint_pings_the_receiver_and_reports_its_answer(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var key = "WT" + provider.ToString()[..2].ToUpperInvariant();
        await server.CreateRepositoryAsync(key, "ping", Ct);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var admin = server.AdminClient();

        var result = await (await admin.PostAsync(
            $"/rest/api/1.0/projects/{key}/repos/ping/webhooks/test?url={Uri.EscapeDataString(receiver.Url.ToString())}", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var ping = await receiver.NextAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal("diagnostics:ping", ping.EventKey);
        Assert.Equal("SUCCESS", result.GetProperty("result").GetProperty("outcome").GetString());
        Assert.Equal(200, result.GetProperty("result").GetProperty("status").GetInt32());
        Assert.True(result.GetProperty("result").GetProperty("body").GetString()!.Length <= 16 * 1024);
    }

    public static TheoryData<string, object> BadHooks => new()
    {
        { "no url", new { name = "x", events = new[] { "repo:refs_changed" } } },
        { "ftp url", new { name = "x", url = "ftp://ci.example.invalid/", events = new[] { "repo:refs_changed" } } },
        { "relative url", new { name = "x", url = "/hook", events = new[] { "repo:refs_changed" } } },
        { "not a url", new { name = "x", url = "http://exa mple/\u0000", events = new[] { "repo:refs_changed" } } },
        { "huge url", new { name = "x", url = "https://ci.example.invalid/" + new string('a', 5000), events = new[] { "repo:refs_changed" } } },
        { "metadata address", new { name = "x", url = "http://169.254.169.254/latest/meta-data/", events = new[] { "repo:refs_changed" } } },
        { "unspecified address", new { name = "x", url = "http://0.0.0.0:7990/", events = new[] { "repo:refs_changed" } } },
        { "unknown event", new { name = "x", url = "https://ci.example.invalid/", events = new[] { "repo:exploded" } } },
        { "no events", new { name = "x", url = "https://ci.example.invalid/", events = Array.Empty<string>() } },
        { "no name", new { url = "https://ci.example.invalid/", events = new[] { "repo:refs_changed" } } },
        { "huge name", new { name = new string('n', 300), url = "https://ci.example.invalid/", events = new[] { "repo:refs_changed" } } },
        { "huge secret", new { name = "x", url = "https://ci.example.invalid/", events = new[] { "repo:refs_changed" }, configuration = new { secret = new string('s', 300) } } },
        { "huge configuration", new { name = "x", url = "https://ci.example.invalid/", events = new[] { "repo:refs_changed" }, configuration = new { big = new string('c', 9000) } } },
        { "configuration not strings", new { name = "x", url = "https://ci.example.invalid/", events = new[] { "repo:refs_changed" }, configuration = new { nested = new { a = 1 } } } },
    };

    [Theory]
    [MemberData(nameof(BadHooks))]
    public async Task Bad_hooks_are_refused_with_400(string why, object body)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var key = "WX";
        if (await server.WithDatabaseAsync(db => Task.FromResult(!db.Projects.Any(p => p.Key == key))))
        {
            await server.CreateRepositoryAsync(key, "bad", Ct);
        }

        using var admin = server.AdminClient();
        using var response = await admin.PostAsJsonAsync($"/rest/api/1.0/projects/{key}/repos/bad/webhooks", body, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    [Fact]
    public async Task A_name_resolving_to_a_refused_address_is_refused_at_connect_time()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var policy = new WebhookAddressPolicy(new StaticOptions(new WebhookOptions { AllowLoopback = false }));
        using var handler = new SocketsHttpHandler { ConnectCallback = new WebhookConnector(policy).ConnectAsync, UseProxy = false };
        using var client = new HttpClient(handler);

        // "localhost" passes no literal-address check: only the connect step sees it is 127.0.0.1.
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://localhost:{receiver.Url.Port}/", Ct));

        Assert.IsType<WebhookAddressRefusedException>(failure.InnerException);
        Assert.Contains("loopback", failure.InnerException!.Message, StringComparison.Ordinal);
        Assert.False(receiver.Received.TryRead(out _));
    }

    private sealed class StaticOptions(WebhookOptions value) : IOptionsMonitor<WebhookOptions>
    {
        public WebhookOptions CurrentValue => value;

        public WebhookOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WebhookOptions, string?> listener) => null;
    }
}
