using System.Net.Http.Json;
using GitHost.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace GitHost.E2E.Tests;

/// <summary>
/// axe-core over the main pages, signed in and not: no serious or critical violation (labels,
/// contrast, names of controls, landmarks…).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserServer fixture)
{
    private static readonly string[] SignedInPages =
    [
        "/dashboard", "/projects", "/projects/AXE", "/projects/AXE/repos/site/browse", "/projects/AXE/repos/site/browse/src/app.js",
        "/projects/AXE/repos/site/commits", "/projects/AXE/repos/site/branches", "/projects/AXE/repos/site/pull-requests",
        "/projects/AXE/repos/site/pull-requests/1/overview", "/projects/AXE/repos/site/pull-requests/1/diff",
        "/projects/AXE/repos/site/pull-requests?create&sourceBranch=feature", "/projects/AXE/repos/site/settings",
        "/projects/AXE/repos/site/settings/branch-permissions", "/projects/AXE/repos/site/settings/hooks",
        "/projects/AXE/repos/site/settings/reviewers", "/projects/AXE/repos/site/settings/access-keys",
        "/projects/AXE/repos/site/browse/src/app.js?blame=true",
        "/account", "/account/tokens", "/plugins/servlet/ssh/account/keys", "/admin", "/admin/users", "/plugins/servlet/audit",
        "/projects/AXE/settings", "/admin/permissions", "/admin/groups", "/admin/rate-limit",
        "/projects/AXE/settings/branch-permissions", "/projects/AXE/settings/hooks", "/projects/AXE/settings/access-keys",
        "/projects/AXE/repos/site/pipelines", "/projects/AXE/repos/site/pipelines/results/1", "/projects/AXE/repos/site/settings/pipelines",
        "/projects/AXE/settings/pipelines", "/admin/pipelines",
        NoPage,
    ];

    /// <summary>An address no page answers: the server's 404 document, which carries no script.</summary>
    private const string NoPage = "/no/such/page";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_main_pages_have_no_serious_accessibility_violation()
    {
        await SeedAsync("AXE");
        await using var anonymous = await fixture.OpenAsync(nameof(The_main_pages_have_no_serious_accessibility_violation) + "-anonymous");
        await using var admin = await fixture.OpenAsync(nameof(The_main_pages_have_no_serious_accessibility_violation));
        var problems = new List<string>();

        await anonymous.RunAsync(async page =>
        {
            await page.GotoAsync("/login");
            problems.AddRange(await Axe.SeriousViolationsAsync(page, "/login"));
        });
        await admin.RunAsync(async page =>
        {
            await admin.SignInAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword);
            foreach (var path in SignedInPages)
            {
                await page.GotoAsync(path);
                if (path == NoPage)
                {
                    admin.ExpectNoConsoleError();
                }
                else
                {
                    await admin.ExpectScriptsRanCleanlyAsync();
                }

                problems.AddRange(await Axe.SeriousViolationsAsync(page, path));
            }
        });

        // axe itself must be working: a bare page with an unnamed image is a critical violation.
        await anonymous.Page.SetContentAsync("<!doctype html><html lang=\"en\"><title>t</title><main><img src=\"data:,\"></main></html>");
        Assert.Contains(await Axe.SeriousViolationsAsync(anonymous.Page, "probe"), p => p.Contains("image-alt", StringComparison.Ordinal));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(admin.UnexpectedConsoleErrors);
    }

    /// <summary>A project with a repository (a branch ahead of main, pushed over HTTP) and one pull request, made through REST.</summary>
    private async Task SeedAsync(string key)
    {
        var server = fixture.Server;
        using var admin = server.AdminClient();
        (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key, name = "Project " + key }, Ct)).EnsureSuccessStatusCode();
        using var created = await admin.PostAsJsonAsync($"/rest/api/1.0/projects/{key}/repos", new { name = "site" }, Ct);
        var repositoryId = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetInt64();
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("README.md", "# Site\n\nHello.\n");
        await tree.WriteAsync("bitbucket-pipelines.yml", "pipelines:\n  default:\n    - step:\n        name: Test\n        script: [npm test]\n");
        await tree.WriteAsync("src/app.js", "// The app\nconst answer = 42;\nconsole.log(`answer: ${answer}`);\n");
        await tree.CommitAsync("Start", Ct);
        await tree.GitAsync(Ct, "checkout", "-q", "-b", "feature");
        await tree.WriteAsync("src/app.js", "// The app\nconst answer = 43;\nconsole.log(`answer: ${answer}`);\n");
        await tree.CommitAsync("Change the answer", Ct);
        var remote = fixture.AdminRemote(key, "site");
        Assert.Equal(0, (await tree.PushAsync(remote, Ct, "main", "feature")).ExitCode);
        await server.Logs.WaitForAsync(l => l.Contains($"Pipeline #1 of repository {repositoryId} recorded", StringComparison.Ordinal), TimeSpan.FromSeconds(30), Ct);
        (await admin.PostAsJsonAsync($"/rest/api/1.0/projects/{key}/repos/site/pull-requests", new
        {
            title = "Change the answer",
            fromRef = new { id = "refs/heads/feature" },
            toRef = new { id = "refs/heads/main" },
        }, Ct)).EnsureSuccessStatusCode();
    }
}
