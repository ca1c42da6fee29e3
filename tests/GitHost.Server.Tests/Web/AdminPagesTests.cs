using System.Net;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>Administration pages: server facts, users, groups and the audit log, for administrators only.</summary>
public sealed class AdminPagesTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Pages = ["/admin", "/admin/users", "/admin/groups", "/admin/permissions", "/admin/rate-limit", "/plugins/servlet/audit", "/admin/audit"];

    [Theory]
    [AllDatabases]
    public async Task An_admin_creates_a_user_and_a_group_and_finds_both_in_the_audit_log(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var browser = new BrowserPage(server);
        await browser.SignInAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword, Ct);

        var (info, infoHtml) = await browser.GetAsync("/admin", Ct);
        var (_, usersHtml) = await browser.GetAsync("/admin/users", Ct);
        using var created = await browser.PostFormAsync("/admin/users", usersHtml, "create-user", new Dictionary<string, string>
        {
            ["Input.Name"] = "made-in-web-" + provider,
            ["Input.DisplayName"] = "Made <In> Web",
            ["Input.Email"] = $"web-{provider}@example.com",
            ["Input.Password"] = "a-long-password-1",
        }, Ct);
        using var weak = await browser.PostFormAsync("/admin/users", usersHtml, "create-user", new Dictionary<string, string>
        {
            ["Input.Name"] = "weak-" + provider,
            ["Input.DisplayName"] = "Weak",
            ["Input.Email"] = $"weak-{provider}@example.com",
            ["Input.Password"] = "x",
        }, Ct);
        var (_, groupsHtml) = await browser.GetAsync("/admin/groups", Ct);
        using var group = await browser.PostFormAsync("/admin/groups", groupsHtml, "create-group", new Dictionary<string, string> { ["Input.Name"] = "web-reviewers" }, Ct);
        var (audit, auditHtml) = await browser.GetAsync("/plugins/servlet/audit?actor=admin", Ct);
        var (nobody, nobodyHtml) = await browser.GetAsync("/plugins/servlet/audit?actor=no-such-actor", Ct);
        var (badDate, _) = await browser.GetAsync("/plugins/servlet/audit?from=yesterday", Ct);

        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Contains("9.2.0", infoHtml, StringComparison.Ordinal);
        Assert.Contains(provider.ToString(), infoHtml, StringComparison.Ordinal);
        Assert.Contains("Made &lt;In&gt; Web", await created.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", await weak.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Group web-reviewers created.", await group.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Contains("made-in-web-" + provider, auditHtml, StringComparison.Ordinal);
        Assert.Contains("web-reviewers", auditHtml, StringComparison.Ordinal);
        Assert.Contains("No record matches.", nobodyHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    [Theory]
    [AllDatabases]
    public async Task An_admin_grants_and_removes_global_permissions_but_only_a_system_admin_grants_system_admin(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var suffix = provider.ToString().ToLowerInvariant();
        await server.CreateUserAsync("to-create-" + suffix, Ct);
        await server.CreateUserAsync("mid-admin-" + suffix, Ct, Permission.Admin);
        using var admin = server.AdminClient();
        await (await admin.PostAsync($"/rest/api/1.0/admin/groups?name=global-web-{suffix}", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        using var mid = new BrowserPage(server);
        await mid.SignInAsync("mid-admin-" + suffix, GitHostTestServer.DefaultPassword, Ct);
        const string page = "/admin/permissions";
        const string users = "/rest/api/1.0/admin/permissions/users";
        var (_, html) = await browser.GetAsync(page, Ct);

        using var granted = await browser.PostFormAsync(page, html, "grant-user", SettingsPages.GrantForm("grant-user", "to-create-" + suffix, "PROJECT_CREATE"), Ct);
        var afterGrant = await admin.GetStringAsync($"{users}?filter=to-create-{suffix}", Ct);
        using var group = await browser.PostFormAsync(page, html, "grant-group", SettingsPages.GrantForm("grant-group", "global-web-" + suffix, "ADMIN"), Ct);
        var groups = await admin.GetStringAsync($"/rest/api/1.0/admin/permissions/groups?filter=global-web-{suffix}", Ct);
        var (_, midHtml) = await mid.GetAsync(page, Ct);
        using var climb = await mid.PostFormAsync(page, midHtml, "grant-user", SettingsPages.GrantForm("grant-user", "to-create-" + suffix, "SYS_ADMIN"), Ct);
        var afterClimb = await admin.GetStringAsync($"{users}?filter=to-create-{suffix}", Ct);
        var grantedHtml = await granted.Content.ReadAsStringAsync(Ct);
        using var revoked = await browser.PostFormAsync(page, grantedHtml, $"revoke-user-to-create-{suffix}", SettingsPages.GrantForm("revoke-user", "to-create-" + suffix, ""), Ct);
        var afterRevoke = await admin.GetStringAsync($"{users}?filter=to-create-{suffix}", Ct);

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Contains($"to-create-{suffix} now has PROJECT_CREATE.", grantedHtml, StringComparison.Ordinal);
        Assert.Contains("\"permission\":\"PROJECT_CREATE\"", afterGrant, StringComparison.Ordinal);
        Assert.Contains("\"permission\":\"ADMIN\"", groups, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, climb.StatusCode);
        Assert.Contains("role=\"alert\"", await climb.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("\"permission\":\"PROJECT_CREATE\"", afterClimb, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.DoesNotContain($"to-create-{suffix}", afterRevoke, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sets_the_rate_limits_and_a_user_s_own_and_a_bad_value_is_refused_next_to_its_field()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("limited-bot", Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        using var admin = server.AdminClient();
        const string page = "/admin/rate-limit";
        const string api = "/rest/api/1.0/admin/rate-limit/settings";
        var (_, html) = await browser.GetAsync(page, Ct);

        // A bucket no test here can empty: the server is shared by this class's tests.
        using var saved = await browser.PostFormAsync(page, html, "defaults", new Dictionary<string, string>
        {
            ["Input.Action"] = "defaults", ["Input.Enabled"] = "true", ["Input.Capacity"] = "1000000", ["Input.FillRate"] = "999999",
        }, Ct);
        var afterSave = await admin.GetStringAsync(api, Ct);
        using var zero = await browser.PostFormAsync(page, html, "defaults", new Dictionary<string, string>
        {
            ["Input.Action"] = "defaults", ["Input.Enabled"] = "true", ["Input.Capacity"] = "0", ["Input.FillRate"] = "5",
        }, Ct);
        using var own = await browser.PostFormAsync(page, html, "user", new Dictionary<string, string>
        {
            ["Input.Action"] = "user", ["Input.User"] = "limited-bot", ["Input.Capacity"] = "7",
        }, Ct);
        var ownHtml = await own.Content.ReadAsStringAsync(Ct);
        var ownRest = await admin.GetStringAsync(api + "/users/limited-bot", Ct);
        using var unknown = await browser.PostFormAsync(page, html, "user", new Dictionary<string, string>
        {
            ["Input.Action"] = "user", ["Input.User"] = "nobody-limited", ["Input.Exempt"] = "true",
        }, Ct);
        using var removed = await browser.PostFormAsync(page, ownHtml, "remove-limited-bot", new Dictionary<string, string>
        {
            ["Input.Action"] = "remove", ["Input.User"] = "limited-bot",
        }, Ct);
        using var afterRemove = await admin.GetAsync(api + "/users/limited-bot", Ct);
        using var off = await browser.PostFormAsync(page, html, "defaults", new Dictionary<string, string> { ["Input.Action"] = "defaults" }, Ct);
        var afterOff = await admin.GetStringAsync(api, Ct);
        var (audit, auditHtml) = await browser.GetAsync("/plugins/servlet/audit?actor=admin", Ct);

        Assert.Contains("Requests are limited: a burst of 1000000, then 999999 per second.", await saved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("\"enabled\":true", afterSave, StringComparison.Ordinal);
        Assert.Contains("\"capacity\":1000000", afterSave, StringComparison.Ordinal);
        var zeroHtml = await zero.Content.ReadAsStringAsync(Ct);
        Assert.Contains("class=\"field-error\"", zeroHtml, StringComparison.Ordinal);
        Assert.Contains("capacity must be between 1 and 1000000.", zeroHtml, StringComparison.Ordinal);
        Assert.Contains("limited-bot has limits of their own.", ownHtml, StringComparison.Ordinal);
        Assert.Contains("burst 7, 999999 per second", ownHtml, StringComparison.Ordinal);
        Assert.Contains("\"capacity\":7", ownRest, StringComparison.Ordinal);
        Assert.Contains("User nobody-limited does not exist.", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("limited-bot has the limits of every user.", await removed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, afterRemove.StatusCode);
        Assert.Contains("Requests are not limited.", await off.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("\"enabled\":false", afterOff, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Contains("limited-bot", auditHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administration_is_refused_to_everyone_else()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("not-an-admin", Ct);
        await server.CreateUserAsync("project-creator", Ct, Permission.ProjectCreate);
        using var user = new BrowserPage(server);
        await user.SignInAsync("not-an-admin", GitHostTestServer.DefaultPassword, Ct);
        using var creator = new BrowserPage(server);
        await creator.SignInAsync("project-creator", GitHostTestServer.DefaultPassword, Ct);
        using var anonymous = new BrowserPage(server);

        foreach (var page in Pages)
        {
            var (userResponse, userHtml) = await user.GetAsync(page, Ct);
            var (creatorResponse, _) = await creator.GetAsync(page, Ct);
            var (anonymousResponse, _) = await anonymous.GetAsync(page, Ct);

            Assert.True(userResponse.StatusCode == HttpStatusCode.Forbidden, $"{page}: {userResponse.StatusCode}");
            Assert.DoesNotContain("admin-password", userHtml, StringComparison.Ordinal);
            Assert.True(creatorResponse.StatusCode == HttpStatusCode.Forbidden, $"{page} (project creator): {creatorResponse.StatusCode}");
            Assert.True(anonymousResponse.StatusCode == HttpStatusCode.Unauthorized, $"{page} (anonymous): {anonymousResponse.StatusCode}");
        }
    }
}
