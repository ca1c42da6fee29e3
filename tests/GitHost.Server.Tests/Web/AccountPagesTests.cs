using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using GitHost.Data;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.SshKeys;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>A user's own pages: SSH keys, access tokens, password; the dashboard; creating projects and repositories from forms.</summary>
public sealed partial class AccountPagesTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_ssh_key_is_added_listed_and_deleted_and_a_bad_one_is_explained()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("keyholder", Ct);
        using var browser = await BrowserPage.SignedInAsync(server, "keyholder", Ct);
        var key = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        const string page = "/plugins/servlet/ssh/account/keys";
        var (_, html) = await browser.GetAsync(page, Ct);

        using var bad = await browser.PostFormAsync(page, html, "add-key", new Dictionary<string, string> { ["Add.Text"] = "ssh-rsa not-a-key" }, Ct);
        var badHtml = await bad.Content.ReadAsStringAsync(Ct);
        using var added = await browser.PostFormAsync(page, html, "add-key", new Dictionary<string, string>
        {
            ["Add.Text"] = key.PublicLine,
            ["Add.Label"] = "Laptop <1>",
        }, Ct);
        var addedHtml = await added.Content.ReadAsStringAsync(Ct);
        using var client = server.Client("keyholder", GitHostTestServer.DefaultPassword);
        var restKeys = await client.GetStringAsync("/rest/ssh/1.0/keys", Ct);
        var id = Regex.Match(addedHtml, "name=\"Delete.Id\" value=\"(\\d+)\"").Groups[1].Value;
        using var deleted = await browser.PostFormAsync(page, addedHtml, "delete-" + id, new Dictionary<string, string> { ["Delete.Id"] = id }, Ct);
        var restAfter = await client.GetStringAsync("/rest/ssh/1.0/keys", Ct);

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("role=\"alert\"", badHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains(key.Fingerprint, WebUtility.HtmlDecode(addedHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("SHA256:SHA256:", WebUtility.HtmlDecode(addedHtml), StringComparison.Ordinal);
        Assert.Contains("Laptop &lt;1&gt;", addedHtml, StringComparison.Ordinal);
        Assert.Contains(KeyBlob(key.PublicLine), KeyTexts(restKeys).Select(KeyBlob));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain(KeyBlob(key.PublicLine), KeyTexts(restAfter).Select(KeyBlob));
    }

    [Fact]
    public async Task A_token_is_shown_once_works_and_stops_working_when_revoked()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("tokenholder", Ct);
        using var browser = await BrowserPage.SignedInAsync(server, "tokenholder", Ct);
        const string page = "/account/tokens";
        var (_, html) = await browser.GetAsync(page, Ct);

        using var created = await browser.PostFormAsync(page, html, "create-token", new Dictionary<string, string>
        {
            ["Create.Name"] = "ci",
            ["Create.Project"] = "PROJECT_READ",
            ["Create.Repository"] = "REPO_READ",
        }, Ct);
        var createdHtml = await created.Content.ReadAsStringAsync(Ct);
        var token = Regex.Match(createdHtml, "id=\"new-token-value\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var bearer = server.BearerClient(WebUtility.HtmlDecode(token));
        using var works = await bearer.GetAsync("/rest/api/1.0/projects", Ct);
        var (_, listHtml) = await browser.GetAsync(page, Ct);
        var id = Regex.Match(listHtml, "name=\"Revoke.Id\" value=\"(\\d+)\"").Groups[1].Value;
        using var revoked = await browser.PostFormAsync(page, listHtml, "revoke-" + id, new Dictionary<string, string> { ["Revoke.Id"] = id }, Ct);
        using var refused = await bearer.GetAsync("/rest/api/1.0/projects", Ct);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(token);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        Assert.DoesNotContain(token, listHtml, StringComparison.Ordinal);
        Assert.Contains(">ci<", listHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_password_changes_only_with_the_current_one_and_a_matching_confirmation()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("changer", Ct);
        using var browser = await BrowserPage.SignedInAsync(server, "changer", Ct);
        var (_, html) = await browser.GetAsync("/account", Ct);

        using var wrongOld = await browser.PostFormAsync("/account", html, "password", Passwords("wrong-password-9", "new-password-22", "new-password-22"), Ct);
        using var mismatch = await browser.PostFormAsync("/account", html, "password", Passwords(GitHostTestServer.DefaultPassword, "new-password-22", "other-password-33"), Ct);
        using var changed = await browser.PostFormAsync("/account", html, "password", Passwords(GitHostTestServer.DefaultPassword, "new-password-22", "new-password-22"), Ct);
        using var fresh = new BrowserPage(server);
        using var signIn = await fresh.SignInAsync("changer", "new-password-22", Ct);

        Assert.Contains("The current password is incorrect.", await wrongOld.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("field-error", await mismatch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Your password is changed.", await changed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("/projects", signIn.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/account/tokens")]
    [InlineData("/plugins/servlet/ssh/account/keys")]
    [InlineData("/dashboard")]
    [InlineData("/projects?create")]
    public async Task Account_pages_ask_anonymous_visitors_to_sign_in(string page)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var anonymous = new BrowserPage(server);

        var (response, html) = await anonymous.GetAsync(page, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("/login?next=", html, StringComparison.Ordinal);
    }

    [Theory]
    [AllDatabases]
    public async Task The_dashboard_lists_what_i_opened_and_what_waits_for_my_review(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "WEBDASH", "dash", Ct);
        await repo.AddReaderAsync("dash-reviewer", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct, reviewers: ["dash-reviewer"]);
        using var author = await BrowserPage.AdminAsync(server, Ct);
        using var reviewer = await BrowserPage.SignedInAsync(server, "dash-reviewer", Ct);

        var (home, _) = await author.GetAsync("/", Ct);
        var (_, authorHtml) = await author.GetAsync("/dashboard", Ct);
        var (_, reviewerHtml) = await reviewer.GetAsync("/dashboard", Ct);

        Assert.EndsWith("/dashboard", home.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var link = "href=\"/projects/WEBDASH/repos/dash/pull-requests/1/overview\"";
        Assert.Contains(link, Section(authorHtml, "authored-title"), StringComparison.Ordinal);
        Assert.DoesNotContain(link, Section(authorHtml, "reviewing-title"), StringComparison.Ordinal);
        Assert.Contains(link, Section(reviewerHtml, "reviewing-title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_and_repositories_are_created_from_forms_with_refusals_next_to_the_fields()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        await server.CreateUserAsync("no-creator", Ct);
        using var plain = await BrowserPage.SignedInAsync(server, "no-creator", Ct);
        var (_, form) = await browser.GetAsync("/projects?create", Ct);
        var (_, plainForm) = await plain.GetAsync("/projects?create", Ct);

        using var badKey = await browser.PostFormAsync("/projects?create", form, "create-project", Project("Bad", "9-bad key"), Ct);
        using var notAllowed = await plain.PostFormAsync("/projects?create", plainForm, "create-project", Project("Mine", "MINE"), Ct);
        using var created = await browser.PostFormAsync("/projects?create", form, "create-project", Project("Web Forms", "WEBFORM"), Ct);
        var (_, repoForm) = await browser.GetAsync("/projects/WEBFORM/repos?create", Ct);
        using var repo = await browser.PostFormAsync("/projects/WEBFORM/repos?create", repoForm, "create-repository", new Dictionary<string, string>
        {
            ["Input.Name"] = "From The Form",
            ["Input.DefaultBranch"] = "trunk",
        }, Ct);
        var (empty, emptyHtml) = await browser.GetAsync("/projects/WEBFORM/repos/from-the-form/browse", Ct);

        Assert.Equal(HttpStatusCode.OK, badKey.StatusCode);
        Assert.Contains("field-error", await badKey.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, notAllowed.StatusCode);
        Assert.Contains("role=\"alert\"", await notAllowed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        Assert.EndsWith("/projects/WEBFORM", created.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, repo.StatusCode);
        Assert.EndsWith("/projects/WEBFORM/repos/from-the-form/browse", repo.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("This repository is empty", emptyHtml, StringComparison.Ordinal);
        using var admin = server.AdminClient();
        using var missing = await admin.GetAsync("/rest/api/1.0/projects/MINE", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static IEnumerable<string> KeyTexts(string page) =>
        System.Text.Json.JsonDocument.Parse(page).RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("text").GetString() ?? "").ToList();

    /// <summary>The key itself (type and base64), without the comment a server may rewrite.</summary>
    private static string KeyBlob(string line) => string.Join(' ', line.Split(' ').Take(2));

    private static Dictionary<string, string> Passwords(string old, string password, string confirm) => new()
    {
        ["Password.OldPassword"] = old,
        ["Password.NewPassword"] = password,
        ["Password.Confirm"] = confirm,
    };

    private static Dictionary<string, string> Project(string name, string key) => new()
    {
        ["Input.Name"] = name,
        ["Input.Key"] = key,
    };

    /// <summary>The part of the page from the heading with <paramref name="headingId"/> to the end of its section.</summary>
    private static string Section(string html, string headingId)
    {
        var start = html.IndexOf($"id=\"{headingId}\"", StringComparison.Ordinal);
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
