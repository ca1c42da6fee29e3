using System.Net;
using GitHost.Data;
using System.Text.RegularExpressions;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>The web UI's pages over HTTP: who sees what, errors, sign-in and the page security headers.</summary>
public sealed partial class WebPageTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Projects_pages_show_only_what_the_user_may_see(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "viewer-" + provider;
        await server.CreateUserAsync(user, Ct);
        await server.CreateRepositoryAsync("WEBSEEN", "seen-repo", Ct);
        await server.CreateRepositoryAsync("WEBHIDDEN", "hidden-repo", Ct);
        using var admin = server.AdminClient();
        await (await admin.PutAsync($"/rest/api/1.0/projects/WEBSEEN/permissions/users?name={user}&permission=PROJECT_READ", null, Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);
        using var browser = new BrowserPage(server);
        await browser.SignInAsync(user, GitHostTestServer.DefaultPassword, Ct);

        var (list, listHtml) = await browser.GetAsync("/projects?name=project%20web", Ct);
        var (seen, seenHtml) = await browser.GetAsync("/projects/WEBSEEN", Ct);
        var (hidden, hiddenHtml) = await browser.GetAsync("/projects/WEBHIDDEN", Ct);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Project WEBSEEN", listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("WEBHIDDEN", listHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Contains("/projects/WEBSEEN/repos/seen-repo/browse", seenHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Contains("Page not found", hiddenHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-repo", hiddenHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_asked_to_sign_in_for_a_private_project()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateProjectAsync("WEBPRIV", Ct);
        using var browser = new BrowserPage(server);

        var (response, html) = await browser.GetAsync("/projects/WEBPRIV", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("/login?next=%2Fprojects%2FWEBPRIV", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Project WEBPRIV", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_pages_get_a_friendly_404_while_rest_and_git_keep_their_own()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var browser = new BrowserPage(server);

        var (page, pageHtml) = await browser.GetAsync("/no/such/page.txt", Ct);
        using var rest = await browser.Http.GetAsync("/rest/api/1.0/no-such-resource", Ct);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.StartsWith("text/html", page.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("Page not found", pageHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, rest.StatusCode);
        Assert.StartsWith("application/json", rest.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_forbid_inline_script_and_framing_and_serve_the_framework_script()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var browser = new BrowserPage(server);

        var (login, html) = await browser.GetAsync("/login", Ct);
        var script = ScriptSource().Match(html);
        using var framework = await browser.Http.GetAsync(script.Groups[1].Value, Ct);

        var policy = string.Join(";", login.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' ; script", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(InlineScript().IsMatch(html), "every script on a page is a file");
        Assert.True(script.Success, "the page loads the framework script");
        Assert.Equal(HttpStatusCode.OK, framework.StatusCode);
        Assert.Contains("javascript", framework.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        foreach (Match stylesheet in Stylesheet().Matches(html))
        {
            using var css = await browser.Http.GetAsync(stylesheet.Groups[1].Value, Ct);
            Assert.True(css.StatusCode == HttpStatusCode.OK, $"{stylesheet.Groups[1].Value}: {css.StatusCode}");
        }

        Assert.Equal(2, Stylesheet().Matches(html).Count);
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, scripts.Count);
        foreach (var source in scripts)
        {
            using var file = await browser.Http.GetAsync(source, Ct);
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"{source}: {file.StatusCode}");
            Assert.Contains("javascript", file.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [AllDatabases]
    public async Task Sign_in_needs_the_forms_token_and_lands_on_the_next_page(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "signin-" + provider;
        await server.CreateUserAsync(user, Ct);
        using var forged = new BrowserPage(server);
        using var real = new BrowserPage(server);

        var forgedLogin = await forged.Http.PostAsync("/j_atl_security_check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["j_username"] = user,
            ["j_password"] = GitHostTestServer.DefaultPassword,
            ["next"] = "/projects",
        }), Ct);
        var realLogin = await real.SignInAsync(user, GitHostTestServer.DefaultPassword, Ct, next: "/projects?name=x");
        var (_, projects) = await real.GetAsync("/projects", Ct);

        Assert.Equal("/login?error=forgery&next=%2Fprojects", forgedLogin.Headers.Location?.OriginalString);
        Assert.Null(forged.SessionCookie);
        Assert.Equal("/projects?name=x", realLogin.Headers.Location?.OriginalString);
        Assert.NotNull(real.SessionCookie);
        Assert.Contains($">{user}<", projects, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_and_a_lockout_are_explained_on_the_sign_in_page()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var user = "wrong-password";
        await server.CreateUserAsync(user, Ct);
        using var browser = new BrowserPage(server);

        var wrong = await browser.SignInAsync(user, "not-the-password", Ct);
        var (_, wrongPage) = await browser.GetAsync(wrong.Headers.Location!.OriginalString, Ct);
        var (_, lockedPage) = await browser.GetAsync("/login?error=locked&until=1767225600000", Ct);

        Assert.StartsWith("/login?error=bad-credentials", wrong.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);
        Assert.Contains("The username or password is not right.", wrongPage, StringComparison.Ordinal);
        Assert.Contains("You can try again at 00:00:00 UTC.", lockedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_is_a_form_post_that_another_site_cannot_forge()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var user = "signout";
        await server.CreateUserAsync(user, Ct);
        using var browser = new BrowserPage(server);
        await browser.SignInAsync(user, GitHostTestServer.DefaultPassword, Ct);

        await browser.Http.PostAsync("/logout", null, Ct);
        using var afterForged = await browser.Http.GetAsync("/rest/api/1.0/users/" + user, Ct);
        var (_, page) = await browser.GetAsync("/projects", Ct);
        await browser.Http.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserPage.AntiforgeryToken(page),
        }), Ct);
        using var afterReal = await browser.Http.GetAsync("/rest/api/1.0/users/" + user, Ct);

        Assert.Equal(user, afterForged.Headers.GetValues("X-AUSERNAME").Single());
        Assert.Equal("anonymous", afterReal.Headers.GetValues("X-AUSERNAME").Single());
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("<script src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
