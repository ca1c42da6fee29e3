using GitHost.Testing.Webhooks;
using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.BranchPermissions;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.ReviewerGroups;
using GitHost.Server.Tests.SshKeys;
using GitHost.Server.Tests.TestData;
using GitHost.Server.Tests.Webhooks;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>
/// The repository settings pages for branch permissions, default reviewers, access keys and webhooks (with their deliveries), driven
/// through their forms as a browser without script would, checked against REST and a real receiver.
/// </summary>
public sealed class RepositorySettingsSectionsTests(WebhookServers servers) : IClassFixture<WebhookServers>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task An_admin_adds_and_deletes_a_branch_restriction_and_a_bad_one_is_refused_next_to_its_field(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var key = "WEBBP" + provider.ToString()[..2].ToUpperInvariant();
        await server.CreateRepositoryAsync(key, "guarded", Ct);
        await server.CreateUserAsync("bp-exempt-" + key.ToLowerInvariant(), Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        using var admin = server.AdminClient();
        var page = $"/projects/{key}/repos/guarded/settings/branch-permissions";
        var (_, html) = await browser.GetAsync(page, Ct);

        using var created = await browser.PostFormAsync(page, html, "create", Restriction("read-only", "PATTERN", "release/*", "bp-exempt-" + key.ToLowerInvariant()), Ct);
        var createdHtml = await created.Content.ReadAsStringAsync(Ct);
        using var listed = JsonDocument.Parse(await admin.GetStringAsync(BranchPermissionTestApi.Restrictions(key, "guarded"), Ct));
        using var refused = await browser.PostFormAsync(page, html, "create", Restriction("read-only", "BRANCH", "main", "nobody-at-all"), Ct);
        var refusedHtml = await refused.Content.ReadAsStringAsync(Ct);
        using var hostile = await browser.PostFormAsync(page, html, "create", Restriction("<script>alert(1)</script>", "BRANCH", "main", ""), Ct);
        var hostileHtml = await hostile.Content.ReadAsStringAsync(Ct);
        using var afterRefusals = JsonDocument.Parse(await admin.GetStringAsync(BranchPermissionTestApi.Restrictions(key, "guarded"), Ct));
        var id = listed.RootElement.GetProperty("values")[0].GetProperty("id").GetInt64();
        using var deleted = await browser.PostFormAsync(page, createdHtml, $"delete-{id}", new Dictionary<string, string>
        {
            ["Input.Action"] = "delete",
            ["Input.Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, Ct);
        using var afterDelete = JsonDocument.Parse(await admin.GetStringAsync(BranchPermissionTestApi.Restrictions(key, "guarded"), Ct));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("No changes now applies to release/*", createdHtml, StringComparison.Ordinal);
        var restriction = Assert.Single(listed.RootElement.GetProperty("values").EnumerateArray());
        Assert.Equal("read-only", restriction.GetProperty("type").GetString());
        Assert.Equal("release/*", restriction.GetProperty("matcher").GetProperty("id").GetString());
        Assert.Equal("bp-exempt-" + key.ToLowerInvariant(), restriction.GetProperty("users")[0].GetProperty("name").GetString());
        Assert.Contains("class=\"field-error\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("No user &#x27;nobody-at-all&#x27; exists", refusedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", hostileHtml, StringComparison.Ordinal);
        Assert.Contains("is not a restriction type", hostileHtml, StringComparison.Ordinal);
        Assert.Equal(1, afterRefusals.RootElement.GetProperty("size").GetInt32());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(0, afterDelete.RootElement.GetProperty("size").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task An_admin_adds_a_webhook_sees_its_deliveries_sends_one_again_turns_it_off_and_deletes_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var repo = await PullRequestRepo.CreateAsync(server, "WEBWH" + provider.ToString()[..2].ToUpperInvariant(), "hooked", Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        using var admin = server.AdminClient();
        var page = $"/projects/{repo.Key}/repos/{repo.Slug}/settings/hooks";
        var (_, html) = await browser.GetAsync(page, Ct);

        using var created = await browser.PostFormAsync(page, html, "create", Hook("from the page", receiver.Url.ToString(), "page-only-secret"), Ct);
        var createdHtml = await created.Content.ReadAsStringAsync(Ct);
        using var badUrl = await browser.PostFormAsync(page, html, "create", Hook("bad", "not a url", ""), Ct);
        var badUrlHtml = await badUrl.Content.ReadAsStringAsync(Ct);
        using var hooks = JsonDocument.Parse(await admin.GetStringAsync(repo.Api + "/webhooks", Ct));
        var hook = Assert.Single(hooks.RootElement.GetProperty("values").EnumerateArray());
        var hookId = hook.GetProperty("id").GetInt64();
        await (await admin.PostAsync(repo.Api + "/branches", JsonContent(new { name = "hooked-branch", startPoint = repo.MainHead }), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var first = await receiver.NextOfAsync("repo:refs_changed", Wait, Ct);
        var deliveriesPage = $"{page}/{hookId}";
        var (_, deliveriesHtml) = await WaitForPageAsync(browser, deliveriesPage, "Delivered");
        var deliveryId = await FirstDeliveryIdAsync(admin, repo.Api + $"/webhooks/{hookId}/deliveries");
        using var again = await browser.PostFormAsync(deliveriesPage, deliveriesHtml, $"redeliver-{deliveryId}", new Dictionary<string, string> { ["Redeliver.Id"] = deliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Ct);
        var againHtml = await again.Content.ReadAsStringAsync(Ct);
        var second = await receiver.NextOfAsync("repo:refs_changed", Wait, Ct);
        var listHtml = (await browser.GetAsync(page, Ct)).Html;
        using var toggled = await browser.PostFormAsync(page, listHtml, $"toggle-{hookId}", Action("toggle", hookId), Ct);
        using var afterToggle = JsonDocument.Parse(await admin.GetStringAsync(repo.Api + $"/webhooks/{hookId}", Ct));
        using var deleted = await browser.PostFormAsync(page, listHtml, $"delete-{hookId}", Action("delete", hookId), Ct);
        using var afterDelete = JsonDocument.Parse(await admin.GetStringAsync(repo.Api + "/webhooks", Ct));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("Webhook from the page added.", createdHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("page-only-secret", createdHtml, StringComparison.Ordinal);
        Assert.Contains("class=\"field-error\"", badUrlHtml, StringComparison.Ordinal);
        Assert.Equal("from the page", hook.GetProperty("name").GetString());
        Assert.Equal(["repo:refs_changed"], hook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(hook.GetProperty("active").GetBoolean());
        Assert.StartsWith("sha256=", first.Headers["X-Hub-Signature"], StringComparison.Ordinal);
        Assert.Contains("repo:refs_changed", deliveriesHtml, StringComparison.Ordinal);
        Assert.Contains($"Delivery {deliveryId} will be sent again.", againHtml, StringComparison.Ordinal);
        Assert.Contains($"(again, of {deliveryId})", againHtml, StringComparison.Ordinal);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Headers["X-Hub-Signature"], second.Headers["X-Hub-Signature"]);
        Assert.Equal(HttpStatusCode.OK, toggled.StatusCode);
        Assert.False(afterToggle.RootElement.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(0, afterDelete.RootElement.GetProperty("size").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task An_admin_adds_and_deletes_default_reviewers_and_an_unknown_reviewer_is_refused_next_to_its_field(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var key = "WEBDR" + provider.ToString()[..2].ToUpperInvariant();
        var reviewer = "dr-" + key.ToLowerInvariant();
        await server.CreateRepositoryAsync(key, "reviewed", Ct);
        await server.CreateUserAsync(reviewer, Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        using var admin = server.AdminClient();
        var page = $"/projects/{key}/repos/reviewed/settings/reviewers";
        var api = $"/rest/default-reviewers/1.0/projects/{key}/repos/reviewed/conditions";
        var (_, html) = await browser.GetAsync(page, Ct);

        using var created = await browser.PostFormAsync(page, html, "create", Condition("ANY_REF", "", "BRANCH", "main", reviewer, "1"), Ct);
        var createdHtml = await created.Content.ReadAsStringAsync(Ct);
        using var listed = JsonDocument.Parse(await admin.GetStringAsync(api, Ct));
        using var unknown = await browser.PostFormAsync(page, html, "create", Condition("ANY_REF", "", "BRANCH", "main", "nobody-reviews", "0"), Ct);
        var unknownHtml = await unknown.Content.ReadAsStringAsync(Ct);
        using var tooMany = await browser.PostFormAsync(page, html, "create", Condition("ANY_REF", "", "BRANCH", "main", reviewer, "2"), Ct);
        var tooManyHtml = await tooMany.Content.ReadAsStringAsync(Ct);
        var id = listed.RootElement[0].GetProperty("id").GetInt64();
        using var deleted = await browser.PostFormAsync(page, createdHtml, $"delete-{id}", Action("delete", id), Ct);
        using var afterDelete = JsonDocument.Parse(await admin.GetStringAsync(api, Ct));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("Default reviewers added.", createdHtml, StringComparison.Ordinal);
        var condition = Assert.Single(listed.RootElement.EnumerateArray());
        Assert.Equal(reviewer, condition.GetProperty("reviewers")[0].GetProperty("name").GetString());
        Assert.Equal(1, condition.GetProperty("requiredApprovals").GetInt32());
        Assert.Equal("refs/heads/main", condition.GetProperty("targetRefMatcher").GetProperty("id").GetString());
        Assert.Contains("No active user nobody-reviews exists.", unknownHtml, StringComparison.Ordinal);
        Assert.Contains("class=\"field-error\"", unknownHtml, StringComparison.Ordinal);
        Assert.Contains("requiredApprovals must be between 0 and the number of reviewers (1).", tooManyHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(0, afterDelete.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task An_admin_adds_an_access_key_changes_its_access_and_removes_it_and_a_bad_key_is_explained()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("WEBAK", "deployed", Ct);
        var key = await SshKeyGen.GenerateAsync("ed25519", null, Ct, "ci@build-server");
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        using var admin = server.AdminClient();
        const string page = "/projects/WEBAK/repos/deployed/settings/access-keys";
        const string api = "/rest/keys/1.0/projects/WEBAK/repos/deployed/ssh";
        var (_, html) = await browser.GetAsync(page, Ct);

        using var bad = await browser.PostFormAsync(page, html, "add", new Dictionary<string, string> { ["Input.Action"] = "add", ["Input.Text"] = "ssh-rsa not-a-key", ["Input.Permission"] = "REPO_READ" }, Ct);
        var badHtml = await bad.Content.ReadAsStringAsync(Ct);
        using var admins = await browser.PostFormAsync(page, html, "add", new Dictionary<string, string> { ["Input.Action"] = "add", ["Input.Text"] = key.PublicLine, ["Input.Permission"] = "REPO_ADMIN" }, Ct);
        var adminsHtml = await admins.Content.ReadAsStringAsync(Ct);
        using var added = await browser.PostFormAsync(page, html, "add", new Dictionary<string, string>
        {
            ["Input.Action"] = "add", ["Input.Text"] = key.PublicLine, ["Input.Label"] = "Build <server>", ["Input.Permission"] = "REPO_READ",
        }, Ct);
        var addedHtml = await added.Content.ReadAsStringAsync(Ct);
        using var listed = JsonDocument.Parse(await admin.GetStringAsync(api, Ct));
        var id = listed.RootElement.GetProperty("values")[0].GetProperty("key").GetProperty("id").GetInt64();
        using var changed = await browser.PostFormAsync(page, addedHtml, $"permission-{id}", new Dictionary<string, string>
        {
            ["Input.Action"] = "permission", ["Input.Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Permission"] = "REPO_WRITE",
        }, Ct);
        using var afterChange = JsonDocument.Parse(await admin.GetStringAsync(api, Ct));
        using var removed = await browser.PostFormAsync(page, addedHtml, $"remove-{id}", Action("remove", id), Ct);
        using var afterRemove = JsonDocument.Parse(await admin.GetStringAsync(api, Ct));

        Assert.Contains("class=\"field-error\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("Access keys can only read or write", adminsHtml, StringComparison.Ordinal);
        Assert.Contains($"Key {key.Fingerprint} added.", WebUtility.HtmlDecode(addedHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("SHA256:SHA256:", WebUtility.HtmlDecode(addedHtml), StringComparison.Ordinal);
        Assert.Contains("Build &lt;server&gt;", addedHtml, StringComparison.Ordinal);
        var only = Assert.Single(listed.RootElement.GetProperty("values").EnumerateArray());
        Assert.Equal("REPO_READ", only.GetProperty("permission").GetString());
        Assert.Equal("Build <server>", only.GetProperty("key").GetProperty("label").GetString());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("REPO_WRITE", afterChange.RootElement.GetProperty("values")[0].GetProperty("permission").GetString());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(0, afterRemove.RootElement.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task Readers_are_refused_outsiders_and_other_repositories_hooks_see_nothing_and_visitors_are_asked_to_sign_in()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("WEBSECNO", "kept", Ct);
        await server.CreateRepositoryAsync("WEBSECNO", "other", Ct);
        await server.CreateUserAsync("sections-reader", Ct);
        await server.CreateUserAsync("sections-outsider", Ct);
        await server.GrantAsync("/rest/api/1.0/projects/WEBSECNO", "sections-reader", "PROJECT_READ", Ct);
        using var admin = server.AdminClient();
        var otherHook = await (await admin.PostAsync("/rest/api/1.0/projects/WEBSECNO/repos/other/webhooks",
            JsonContent(new { name = "other", url = "http://127.0.0.1:9/", events = new[] { "repo:refs_changed" } }), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var reader = await BrowserPage.SignedInAsync(server, "sections-reader", Ct);
        using var outsider = await BrowserPage.SignedInAsync(server, "sections-outsider", Ct);
        using var anonymous = new BrowserPage(server);
        using var owner = await BrowserPage.AdminAsync(server, Ct);
        string[] pages =
        [
            "/projects/WEBSECNO/repos/kept/settings/branch-permissions", "/plugins/servlet/branch-permissions/WEBSECNO/kept",
            "/projects/WEBSECNO/repos/kept/settings/hooks", "/plugins/servlet/webhooks/projects/WEBSECNO/repos/kept",
            "/projects/WEBSECNO/repos/kept/settings/reviewers",
            "/projects/WEBSECNO/repos/kept/settings/access-keys", "/plugins/servlet/ssh/projects/WEBSECNO/repos/kept/keys",
        ];

        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync(page, Ct)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(page, Ct)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(page, Ct)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(page, Ct)).Response.StatusCode);
        }

        // Another repository's hook through this repository's address is not found, even by an administrator.
        var (foreign, _) = await owner.GetAsync($"/projects/WEBSECNO/repos/kept/settings/hooks/{otherHook.GetProperty("id").GetInt64()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task A_project_admin_sets_branch_permissions_default_reviewers_access_keys_and_webhooks_for_every_repository_of_the_project()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("WEBPRJ", "inside", Ct);
        await server.CreateUserAsync("prj-reviewer", Ct);
        using var browser = await BrowserPage.AdminAsync(server, Ct);
        using var admin = server.AdminClient();
        const string settings = "/projects/WEBPRJ/settings";

        var (_, restrictionsHtml) = await browser.GetAsync(settings + "/branch-permissions", Ct);
        using var restricted = await browser.PostFormAsync(settings + "/branch-permissions", restrictionsHtml, "create", Restriction("no-deletes", "BRANCH", "main", ""), Ct);
        var (_, reviewersHtml) = await browser.GetAsync(settings + "/reviewers", Ct);
        using var reviewed = await browser.PostFormAsync(settings + "/reviewers", reviewersHtml, "create", Condition("ANY_REF", "", "BRANCH", "main", "prj-reviewer", "1"), Ct);
        var (_, hooksHtml) = await browser.GetAsync(settings + "/hooks", Ct);
        using var hooked = await browser.PostFormAsync(settings + "/hooks", hooksHtml, "create", Hook("project hook", "http://127.0.0.1:9/", ""), Ct);
        var machine = await SshKeyGen.GenerateAsync("ed25519", null, Ct, "deploy@project");
        var (_, keysHtml) = await browser.GetAsync(settings + "/access-keys", Ct);
        using var keyed = await browser.PostFormAsync(settings + "/access-keys", keysHtml, "add", new Dictionary<string, string>
        {
            ["Input.Action"] = "add", ["Input.Text"] = machine.PublicLine, ["Input.Permission"] = "PROJECT_WRITE",
        }, Ct);
        using var projectKeys = JsonDocument.Parse(await admin.GetStringAsync("/rest/keys/1.0/projects/WEBPRJ/ssh", Ct));
        using var projectRestrictions = JsonDocument.Parse(await admin.GetStringAsync(BranchPermissionTestApi.Restrictions("WEBPRJ"), Ct));
        using var projectConditions = JsonDocument.Parse(await admin.GetStringAsync("/rest/default-reviewers/1.0/projects/WEBPRJ/conditions", Ct));
        using var projectHooks = JsonDocument.Parse(await admin.GetStringAsync("/rest/api/1.0/projects/WEBPRJ/webhooks", Ct));
        var hookId = projectHooks.RootElement.GetProperty("values")[0].GetProperty("id").GetInt64();
        var (deliveries, _) = await browser.GetAsync($"{settings}/hooks/{hookId}", Ct);
        var (_, repositoryHooksHtml) = await browser.GetAsync("/projects/WEBPRJ/repos/inside/settings/hooks", Ct);
        var (throughRepository, _) = await browser.GetAsync($"/projects/WEBPRJ/repos/inside/settings/hooks/{hookId}", Ct);
        var (_, generalHtml) = await browser.GetAsync(settings, Ct);

        Assert.Contains("No deletion now applies to main.", await restricted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("no-deletes", Assert.Single(projectRestrictions.RootElement.GetProperty("values").EnumerateArray()).GetProperty("type").GetString());
        Assert.Contains("Default reviewers added.", await reviewed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("prj-reviewer", Assert.Single(projectConditions.RootElement.EnumerateArray()).GetProperty("reviewers")[0].GetProperty("name").GetString());
        Assert.Contains("Webhook project hook added.", await hooked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deliveries.StatusCode);
        Assert.Contains("(from the project)", repositoryHooksHtml, StringComparison.Ordinal);
        Assert.DoesNotContain($"delete-{hookId}", repositoryHooksHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, throughRepository.StatusCode);
        Assert.Contains("href=\"/projects/WEBPRJ/settings/branch-permissions\"", generalHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Contains("value=\"PROJECT_WRITE\" selected", await keyed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("PROJECT_WRITE", Assert.Single(projectKeys.RootElement.GetProperty("values").EnumerateArray()).GetProperty("permission").GetString());
    }

    [Fact]
    public async Task Project_settings_sections_are_for_project_administrators_only()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("WEBPRJNO", "kept", Ct);
        await server.CreateUserAsync("prj-sections-reader", Ct);
        await server.CreateUserAsync("prj-sections-writer", Ct);
        await server.CreateUserAsync("prj-sections-outsider", Ct);
        await server.GrantAsync("/rest/api/1.0/projects/WEBPRJNO", "prj-sections-reader", "PROJECT_READ", Ct);
        await server.GrantAsync("/rest/api/1.0/projects/WEBPRJNO", "prj-sections-writer", "PROJECT_WRITE", Ct);
        using var reader = await BrowserPage.SignedInAsync(server, "prj-sections-reader", Ct);
        using var writer = await BrowserPage.SignedInAsync(server, "prj-sections-writer", Ct);
        using var outsider = await BrowserPage.SignedInAsync(server, "prj-sections-outsider", Ct);
        using var anonymous = new BrowserPage(server);
        using var owner = await BrowserPage.AdminAsync(server, Ct);
        string[] pages =
        [
            "/projects/WEBPRJNO/settings/branch-permissions", "/plugins/servlet/branch-permissions/WEBPRJNO",
            "/projects/WEBPRJNO/settings/reviewers", "/plugins/servlet/pull-request-default-reviewers/WEBPRJNO",
            "/projects/WEBPRJNO/settings/hooks", "/plugins/servlet/webhooks/projects/WEBPRJNO",
            "/projects/WEBPRJNO/settings/access-keys", "/plugins/servlet/ssh/projects/WEBPRJNO/keys",
        ];

        foreach (var page in pages)
        {
            await SettingsPages.AssertAdministratorsOnlyAsync(page, reader, outsider, anonymous, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync(page, Ct)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(page, Ct)).Response.StatusCode);
        }
    }

    private static Dictionary<string, string> Restriction(string type, string matcherType, string matcher, string users) => new()
    {
        ["Input.Action"] = "create",
        ["Input.Type"] = type,
        ["Input.MatcherType"] = matcherType,
        ["Input.Matcher"] = matcher,
        ["Input.Users"] = users,
        ["Input.Groups"] = "",
    };

    private static Dictionary<string, string> Condition(
        string sourceType, string source, string targetType, string target, string reviewers, string approvals) => new()
    {
        ["Input.Action"] = "create",
        ["Input.SourceMatcherType"] = sourceType,
        ["Input.SourceMatcher"] = source,
        ["Input.TargetMatcherType"] = targetType,
        ["Input.TargetMatcher"] = target,
        ["Input.Reviewers"] = reviewers,
        ["Input.RequiredApprovals"] = approvals,
    };

    private static Dictionary<string, string> Hook(string name, string url, string secret) => new()
    {
        ["Input.Action"] = "create",
        ["Input.Name"] = name,
        ["Input.Url"] = url,
        ["Input.Secret"] = secret,
        ["Input.Events"] = "repo:refs_changed",
    };

    private static Dictionary<string, string> Action(string action, long id) => new()
    {
        ["Input.Action"] = action,
        ["Input.Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static async Task<long> FirstDeliveryIdAsync(HttpClient admin, string deliveries)
    {
        using var page = JsonDocument.Parse(await admin.GetStringAsync(deliveries, Ct));
        return page.RootElement.GetProperty("values")[0].GetProperty("id").GetInt64();
    }

    /// <summary>The dispatcher records the outcome just after the receiver answers; the page is read until it shows it.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> WaitForPageAsync(BrowserPage browser, string page, string text)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var (response, html) = await browser.GetAsync(page, Ct);
            if (html.Contains(text, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return (response, html);
            }

            await Task.Delay(50, Ct);
        }
    }
}
