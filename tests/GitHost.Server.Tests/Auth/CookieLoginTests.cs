using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Auth;

public sealed class CookieLoginTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Login_sets_the_session_cookie_and_redirects_home(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "browser-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var browser = new SessionClient(server);

        var login = await browser.LoginAsync(user, GitHostTestServer.DefaultPassword, Ct);
        var afterLogin = await browser.Http.GetAsync("/rest/api/1.0/projects", Ct);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        Assert.NotNull(browser.SessionCookie);
        Assert.True(browser.SessionCookie.HttpOnly);
        Assert.Equal(HttpStatusCode.OK, afterLogin.StatusCode);
        Assert.Equal(user, afterLogin.Headers.GetValues("X-AUSERNAME").Single());
    }

    [Theory]
    [AllDatabases]
    public async Task Login_redirects_to_a_local_next_page_only(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "next-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var local = new SessionClient(server);
        using var foreign = new SessionClient(server);

        var toLocal = await local.PostFormAsync("/j_atl_security_check", Form(user, GitHostTestServer.DefaultPassword, "/projects/ABC"), Ct);
        var toForeign = await foreign.PostFormAsync("/j_atl_security_check", Form(user, GitHostTestServer.DefaultPassword, "//evil.example/x"), Ct);

        Assert.Equal("/projects/ABC", toLocal.Headers.Location!.OriginalString);
        Assert.Equal("/", toForeign.Headers.Location!.OriginalString);
    }

    [Theory]
    [AllDatabases]
    public async Task Wrong_password_redirects_with_error_and_sets_no_cookie(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "typo-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var browser = new SessionClient(server);

        var login = await browser.LoginAsync(user, "not-the-password", Ct);
        var afterLogin = await browser.Http.GetAsync("/rest/api/1.0/projects", Ct);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/login?error=", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);
        Assert.Equal("anonymous", afterLogin.Headers.GetValues("X-AUSERNAME").Single());
    }

    [Theory]
    [AllDatabases]
    public async Task Wrong_passwords_lock_password_sign_in_through_the_form_and_basic_alike(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "lockme-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var browser = new SessionClient(server);

        for (var i = 0; i < 5; i++)
        {
            await browser.LoginAsync(user, "wrong-" + i, Ct);
        }

        var withRightPassword = await browser.LoginAsync(user, GitHostTestServer.DefaultPassword, Ct);
        using var basic = server.Client(user);
        var basicAfterLockout = await basic.GetAsync("/rest/api/1.0/projects", Ct);

        Assert.StartsWith("/login?error=locked&until=", withRightPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);
        Assert.Equal(HttpStatusCode.TooManyRequests, basicAfterLockout.StatusCode);
    }

    [Theory]
    [AllDatabases]
    public async Task A_copied_session_cookie_is_refused_once_its_session_signed_out(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "copied-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var browser = new SessionClient(server);
        await browser.LoginAsync(user, GitHostTestServer.DefaultPassword, Ct);
        using var thief = CookieClient(server, browser.SessionCookie!.Value);
        using var beforeLogout = await thief.GetAsync("/rest/api/1.0/users", Ct);
        Assert.Equal(HttpStatusCode.OK, beforeLogout.StatusCode);

        await browser.LogoutAsync(Ct);
        using var afterLogout = await thief.GetAsync("/rest/api/1.0/users", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        Assert.Equal("anonymous", afterLogout.Headers.GetValues("X-AUSERNAME").Single());
    }

    [Theory]
    [AllDatabases]
    public async Task Signing_out_one_session_leaves_the_users_other_sessions_signed_in(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "two-browsers-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var laptop = new SessionClient(server);
        using var phone = new SessionClient(server);
        await laptop.LoginAsync(user, GitHostTestServer.DefaultPassword, Ct);
        await phone.LoginAsync(user, GitHostTestServer.DefaultPassword, Ct);

        await laptop.LogoutAsync(Ct);
        using var phoneAfter = await phone.Http.GetAsync("/rest/api/1.0/users", Ct);

        Assert.Equal(HttpStatusCode.OK, phoneAfter.StatusCode);
        Assert.Equal(user, phoneAfter.Headers.GetValues("X-AUSERNAME").Single());
    }

    [Theory]
    [AllDatabases]
    public async Task Disabling_a_user_ends_their_session_at_the_next_request(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "disabled-session-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var browser = new SessionClient(server);
        using var admin = server.AdminClient();
        await browser.LoginAsync(user, GitHostTestServer.DefaultPassword, Ct);
        await (await browser.Http.GetAsync("/rest/api/1.0/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/users", new { name = user, active = false }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await (await browser.Http.GetAsync("/rest/api/1.0/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Logout_ends_the_session(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "leaver-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var browser = new SessionClient(server);
        await browser.LoginAsync(user, GitHostTestServer.DefaultPassword, Ct);

        var logout = await browser.LogoutAsync(Ct);
        var afterLogout = await browser.Http.GetAsync("/rest/api/1.0/projects", Ct);

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Null(browser.SessionCookie);
        Assert.Equal("anonymous", afterLogout.Headers.GetValues("X-AUSERNAME").Single());
    }

    [Theory]
    [AllDatabases]
    public async Task Session_post_to_rest_without_json_or_no_check_header_fails_the_xsrf_check(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var browser = await SignedInAdminAsync(server);

        var response = await browser.Http.PostAsync("/rest/api/1.0/projects", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "XSRF" }), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("XSRF check failed", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await server.WithDatabaseAsync(db => Task.FromResult(db.Projects.Count(p => p.Key == "XSRF"))));
    }

    [Theory]
    [AllDatabases]
    public async Task Session_request_with_no_check_header_or_json_passes_the_xsrf_check(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var browser = await SignedInAdminAsync(server);
        var key = "NOCHECK" + provider.ToString().ToUpperInvariant();

        var json = await browser.Http.PostAsJsonAsync("/rest/api/1.0/projects", new { key, name = "No check " + provider }, Ct);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/rest/api/1.0/projects/{key}");
        delete.Headers.Add("X-Atlassian-Token", "no-check");
        var deleted = await browser.Http.SendAsync(delete, Ct);

        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await server.WithDatabaseAsync(db => Task.FromResult(db.Projects.Count(p => p.Key == key))));
    }

    [Theory]
    [AllDatabases]
    public async Task Session_delete_without_no_check_header_is_blocked(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var browser = await SignedInAdminAsync(server);
        var key = "KEEP" + provider.ToString().ToUpperInvariant();
        await (await browser.Http.PostAsJsonAsync("/rest/api/1.0/projects", new { key, name = "Keep " + provider }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var response = await browser.Http.DeleteAsync($"/rest/api/1.0/projects/{key}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, await server.WithDatabaseAsync(db => Task.FromResult(db.Projects.Count(p => p.Key == key))));
    }

    [Theory]
    [AllDatabases]
    public async Task Basic_authenticated_post_without_json_is_never_blocked_by_xsrf(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var key = "BASICX" + provider.ToString().ToUpperInvariant();
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key, name = "Basic x " + provider }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);

        var form = await admin.PostAsync("/rest/api/1.0/projects", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "FORM" }), Ct);
        var deleted = await admin.DeleteAsync($"/rest/api/1.0/projects/{key}", Ct);

        Assert.NotEqual(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.DoesNotContain("XSRF", await form.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    /// <summary>A client that only replays a session cookie, as someone who copied it would.</summary>
    private static HttpClient CookieClient(GitHostTestServer server, string sessionCookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", "GITHOST_SESSION=" + sessionCookie);
        return client;
    }

    private static async Task<SessionClient> SignedInAdminAsync(GitHostTestServer server)
    {
        var browser = new SessionClient(server);
        var login = await browser.LoginAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword, Ct);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        return browser;
    }

    private static FormUrlEncodedContent Form(string user, string password, string next) => new(new Dictionary<string, string>
    {
        ["j_username"] = user,
        ["j_password"] = password,
        ["next"] = next,
    });
}
