using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.ReviewerGroups;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>The repository settings page: grants and pull request settings through forms, and who may open it.</summary>
public sealed class RepositorySettingsPageTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task An_admin_grants_and_removes_access_and_sets_merge_checks(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("WEBSET", "configured", Ct);
        await server.CreateUserAsync("granted", Ct);
        using var browser = new BrowserPage(server);
        await browser.SignInAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword, Ct);
        const string page = "/projects/WEBSET/repos/configured/settings";
        const string api = "/rest/api/1.0/projects/WEBSET/repos/configured";
        using var admin = server.AdminClient();
        var (_, html) = await browser.GetAsync(page, Ct);

        using var granted = await browser.PostFormAsync(page, html, "grant-user", SettingsPages.GrantForm("grant-user", "granted", "REPO_WRITE"), Ct);
        var grants = await admin.GetStringAsync(api + "/permissions/users", Ct);
        var grantedHtml = await granted.Content.ReadAsStringAsync(Ct);
        using var unknown = await browser.PostFormAsync(page, html, "grant-user", SettingsPages.GrantForm("grant-user", "nobody-here", "REPO_WRITE"), Ct);
        using var settings = await browser.PostFormAsync(page, html, "pull-request-settings", new Dictionary<string, string>
        {
            ["Input.Action"] = "pull-request-settings",
            ["Input.RequiredApprovers"] = "2",
            ["Input.RequiredBuilds"] = "0",
            ["Input.AllTasks"] = "true",
            ["Input.Strategies"] = "squash",
            ["Input.DefaultStrategy"] = "squash",
        }, Ct);
        using var saved = JsonDocument.Parse(await admin.GetStringAsync(api + "/settings/pull-requests", Ct));
        using var revoked = await browser.PostFormAsync(page, grantedHtml, "revoke-user-granted", SettingsPages.GrantForm("revoke-user", "granted", ""), Ct);
        var after = await admin.GetStringAsync(api + "/permissions/users", Ct);

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Contains("\"permission\":\"REPO_WRITE\"", grants, StringComparison.Ordinal);
        Assert.Contains("granted now has REPO_WRITE", grantedHtml, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal("2", saved.RootElement.GetProperty("requiredApprovers").GetProperty("count").ToString());
        Assert.True(saved.RootElement.GetProperty("requiredAllTasksComplete").GetBoolean());
        Assert.Equal("squash", saved.RootElement.GetProperty("mergeConfig").GetProperty("defaultStrategy").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.DoesNotContain("\"name\":\"granted\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_are_refused_outsiders_see_nothing_and_visitors_are_asked_to_sign_in()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("WEBSETNO", "guarded", Ct);
        await server.CreateUserAsync("mere-reader", Ct);
        await server.CreateUserAsync("set-outsider", Ct);
        await server.GrantAsync("/rest/api/1.0/projects/WEBSETNO", "mere-reader", "PROJECT_READ", Ct);
        using var reader = new BrowserPage(server);
        await reader.SignInAsync("mere-reader", GitHostTestServer.DefaultPassword, Ct);
        using var outsider = new BrowserPage(server);
        await outsider.SignInAsync("set-outsider", GitHostTestServer.DefaultPassword, Ct);
        using var anonymous = new BrowserPage(server);
        await SettingsPages.AssertAdministratorsOnlyAsync("/projects/WEBSETNO/repos/guarded/settings", reader, outsider, anonymous, Ct);
    }
}
