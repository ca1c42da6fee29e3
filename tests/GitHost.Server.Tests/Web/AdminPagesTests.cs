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

    private static readonly string[] Pages = ["/admin", "/admin/users", "/admin/groups", "/plugins/servlet/audit", "/admin/audit"];

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
