using System.Net;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Discovery;

/// <summary>What clients probe first: status, health, application properties, capabilities, X-AUSERNAME.</summary>
public sealed class SystemEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Status_reports_running(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var anonymous = server.Client();

        var status = await (await anonymous.GetAsync("/status", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("RUNNING", status.GetProperty("state").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Health_endpoints_report_healthy_with_a_reachable_database(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var anonymous = server.Client();

        var live = await anonymous.GetAsync("/health/live", Ct);
        var ready = await anonymous.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [AllDatabases]
    public async Task Application_properties_need_no_authentication(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var anonymous = server.Client();

        var properties = await (await anonymous.GetAsync("/rest/api/1.0/application-properties", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Matches(@"^\d+\.\d+\.\d+$", properties.GetProperty("version").GetString());
        Assert.Matches(@"^\d+$", properties.GetProperty("buildNumber").GetString());
        Assert.True(long.Parse(properties.GetProperty("buildDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 1_600_000_000_000);
        Assert.Equal("GitHost", properties.GetProperty("displayName").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Capabilities_identify_as_stash_with_a_webhooks_url_that_answers(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var anonymous = server.Client();

        var capabilities = await (await anonymous.GetAsync("/rest/capabilities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var webhooksUrl = capabilities.GetProperty("capabilities").GetProperty("webhooks").GetString()!;
        var webhooks = await anonymous.GetAsync(webhooksUrl, Ct);

        Assert.Equal("stash", capabilities.GetProperty("application").GetString());
        Assert.Equal(new Uri(server.BaseAddress, "/rest/webhooks/latest/capabilities"), new Uri(webhooksUrl));
        Assert.Equal(HttpStatusCode.OK, webhooks.StatusCode);
        var events = (await webhooks.ReadJsonAsync(Ct)).GetProperty("application-webhooks").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("repo:refs_changed", events);
        Assert.Contains("pr:opened", events);
        Assert.Contains("pr:merged", events);
    }

    [Theory]
    [AllDatabases]
    public async Task X_ausername_names_the_authenticated_user_or_anonymous(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "named-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var authenticated = server.Client(user);
        using var anonymous = server.Client();

        var asUser = await authenticated.GetAsync("/rest/api/1.0/application-properties", Ct);
        var asAnonymous = await anonymous.GetAsync("/rest/api/1.0/application-properties", Ct);

        Assert.Equal(user, asUser.Headers.GetValues("X-AUSERNAME").Single());
        Assert.Equal("anonymous", asAnonymous.Headers.GetValues("X-AUSERNAME").Single());
    }

    [Theory]
    [AllDatabases]
    public async Task Latest_is_an_alias_of_1_0(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var anonymous = server.Client();

        var versioned = await (await anonymous.GetAsync("/rest/api/1.0/application-properties", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var latest = await (await anonymous.GetAsync("/rest/api/latest/application-properties", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(versioned.GetRawText(), latest.GetRawText());
    }

    [Theory]
    [AllDatabases]
    public async Task Unknown_rest_path_is_404_with_envelope(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();

        var error = await (await admin.GetAsync("/rest/api/1.0/no-such-resource", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.Contains("/rest/api/1.0/no-such-resource", error.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
