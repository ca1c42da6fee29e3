using System.Net;
using GitHost.Data;
using GitHost.Server.Tests.ReviewerGroups;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>The project settings page: user, group and all-users grants through forms, and who may open it.</summary>
public sealed class ProjectSettingsPageTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task An_admin_grants_removes_and_opens_the_project_to_every_signed_in_user(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("WEBPSET", "inside", Ct);
        await server.CreateUserAsync("project-writer", Ct);
        using var admin = server.AdminClient();
        await (await admin.PostAsync("/rest/api/1.0/admin/groups?name=project-web-group", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        const string page = "/projects/WEBPSET/settings";
        const string api = "/rest/api/1.0/projects/WEBPSET/permissions";
        var (opened, html) = await browser.GetAsync(page, Ct);
        var (_, projectHtml) = await browser.GetAsync("/projects/WEBPSET", Ct);

        using var granted = await browser.PostFormAsync(page, html, "grant-user", SettingsPages.GrantForm("grant-user", "project-writer", "PROJECT_WRITE"), Ct);
        var users = await admin.GetStringAsync(api + "/users", Ct);
        using var group = await browser.PostFormAsync(page, html, "grant-group", SettingsPages.GrantForm("grant-group", "project-web-group", "PROJECT_READ"), Ct);
        var groups = await admin.GetStringAsync(api + "/groups", Ct);
        using var notAProjectLevel = await browser.PostFormAsync(page, html, "grant-user", SettingsPages.GrantForm("grant-user", "project-writer", "REPO_WRITE"), Ct);
        using var everyone = await browser.PostFormAsync(page, html, "default-permission", SettingsPages.GrantForm("default-permission", "", "PROJECT_WRITE"), Ct);
        var everyoneWrites = await admin.GetStringAsync(api + "/PROJECT_WRITE/all", Ct);
        using var lowered = await browser.PostFormAsync(page, html, "default-permission", SettingsPages.GrantForm("default-permission", "", "PROJECT_READ"), Ct);
        var writeAfterLowering = await admin.GetStringAsync(api + "/PROJECT_WRITE/all", Ct);
        var readAfterLowering = await admin.GetStringAsync(api + "/PROJECT_READ/all", Ct);
        using var closed = await browser.PostFormAsync(page, html, "default-permission", SettingsPages.GrantForm("default-permission", "", ""), Ct);
        var readAfterClosing = await admin.GetStringAsync(api + "/PROJECT_READ/all", Ct);
        var grantedHtml = await granted.Content.ReadAsStringAsync(Ct);
        using var revoked = await browser.PostFormAsync(page, grantedHtml, "revoke-user-project-writer", SettingsPages.GrantForm("revoke-user", "project-writer", ""), Ct);
        var afterRevoke = await admin.GetStringAsync(api + "/users", Ct);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("href=\"/projects/WEBPSET/settings\"", projectHtml, StringComparison.Ordinal);
        Assert.Contains("project-writer now has PROJECT_WRITE.", grantedHtml, StringComparison.Ordinal);
        Assert.Contains("\"permission\":\"PROJECT_WRITE\"", users, StringComparison.Ordinal);
        Assert.Contains("\"permission\":\"PROJECT_READ\"", groups, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", await notAProjectLevel.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Every signed-in user now has PROJECT_WRITE.", await everyone.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("\"permitted\":true", everyoneWrites, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        Assert.Contains("\"permitted\":false", writeAfterLowering, StringComparison.Ordinal);
        Assert.Contains("\"permitted\":true", readAfterLowering, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains("\"permitted\":false", readAfterClosing, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.DoesNotContain("\"name\":\"project-writer\"", afterRevoke, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_are_refused_outsiders_see_nothing_and_visitors_are_asked_to_sign_in()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("WEBPSETNO", "guarded", Ct);
        await server.CreateUserAsync("project-reader-only", Ct);
        await server.CreateUserAsync("project-outsider", Ct);
        await server.GrantAsync("/rest/api/1.0/projects/WEBPSETNO", "project-reader-only", "PROJECT_READ", Ct);
        using var reader = new BrowserPage(server);
        await reader.SignInAsync("project-reader-only", GitHostTestServer.DefaultPassword, Ct);
        using var outsider = new BrowserPage(server);
        await outsider.SignInAsync("project-outsider", GitHostTestServer.DefaultPassword, Ct);
        using var anonymous = new BrowserPage(server);

        await SettingsPages.AssertAdministratorsOnlyAsync("/projects/WEBPSETNO/settings", reader, outsider, anonymous, Ct);
        await SettingsPages.AssertAdministratorsOnlyAsync("/projects/WEBPSETNO/permissions", reader, outsider, anonymous, Ct);
    }
}
