using System.Net.Http.Json;
using GitHost.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace GitHost.E2E.Tests;

/// <summary>
/// A whole review day in Chromium, through the pages only (git for the push): set up a project,
/// a repository and a colleague, push, browse, open a pull request, comment on a line, approve, merge.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewDayTests(BrowserServer fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_goes_from_push_to_merge_in_the_browser()
    {
        await using var admin = await fixture.OpenAsync(nameof(A_change_goes_from_push_to_merge_in_the_browser) + "-admin");
        await using var reviewer = await fixture.OpenAsync(nameof(A_change_goes_from_push_to_merge_in_the_browser) + "-reviewer");

        await admin.RunAsync(async page =>
        {
            await page.GotoAsync("/login");
            await admin.ScreenshotForDocsAsync("login");
            await admin.SignInAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword);
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard$"));

            await page.GotoAsync("/admin/users");
            await page.GetByLabel("User name", new() { Exact = true }).FillAsync("reviewer");
            await page.GetByLabel("Display name", new() { Exact = true }).FillAsync("Rae Viewer");
            await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("rae@example.com");
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("reviewer-password-1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("User reviewer created.");

            await page.GotoAsync("/projects?create");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Shop");
            await page.GetByLabel("Key", new() { Exact = true }).FillAsync("SHOP");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projects/SHOP$"));

            await page.GetByRole(AriaRole.Link, new() { Name = "Create repository" }).ClickAsync();
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("storefront");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create repository" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This repository is empty" })).ToBeVisibleAsync();
            await admin.ScreenshotForDocsAsync("empty-repository");

            await page.GotoAsync("/projects/SHOP/repos/storefront/settings");
            await page.GetByLabel("User name", new() { Exact = true }).FillAsync("reviewer");
            await page.Locator("#grant-user-permission").SelectOptionAsync("REPO_WRITE");
            await page.Locator("form").Filter(new() { Has = page.Locator("#grant-user-name") }).GetByRole(AriaRole.Button, new() { Name = "Grant" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("reviewer now has REPO_WRITE");
        });

        await PushAsync();

        await admin.RunAsync(async page =>
        {
            await page.GotoAsync("/projects/SHOP/repos/storefront/browse");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Storefront", Exact = true })).ToBeVisibleAsync();
            await admin.ScreenshotForDocsAsync("repository");
            await page.GetByRole(AriaRole.Link, new() { Name = "src", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "cart.py" }).ClickAsync();
            await Expect(page.Locator("tr[id='5']")).ToContainTextAsync("return sum");
            await Expect(page.Locator("tr[id='1'] .tok-keyword").First).ToHaveTextAsync("def");
            await admin.ScreenshotForDocsAsync("file");
            await page.GetByRole(AriaRole.Link, new() { Name = "Blame", Exact = true }).ClickAsync();
            await Expect(page.Locator("td.blame").First).ToContainTextAsync("Test Author");
            await admin.ScreenshotForDocsAsync("file-blame");

            await page.GotoAsync("/projects/SHOP/repos/storefront/branches");
            await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "feature/discounts" }).GetByRole(AriaRole.Link, new() { Name = "Create pull request" }).ClickAsync();
            await Expect(page.GetByText("Apply discounts to prices").First).ToBeVisibleAsync();
            await page.GetByLabel("Reviewers").FillAsync("reviewer");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create pull request" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pull-requests/1/overview$"));
            await Expect(page.Locator(".people")).ToContainTextAsync("Rae Viewer");
            await page.GotoAsync("/dashboard");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Apply discounts to prices" })).ToBeVisibleAsync();
            await admin.ScreenshotForDocsAsync("dashboard");
            await page.GotoAsync("/projects/SHOP/repos/storefront/pull-requests/1/overview");

            await page.GetByRole(AriaRole.Link, new() { Name = "Diff", Exact = true }).ClickAsync();
            await page.Locator("tr.line-added").First.GetByRole(AriaRole.Link, new() { Name = "Comment on line 1", Exact = true }).ClickAsync();
            await page.GetByLabel("Comment on line 1 of src/cart.py").FillAsync("Should the discount be **capped**?");
            await page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
            await Expect(page.Locator(".inline-comments .comment-body strong")).ToHaveTextAsync("capped");
            await admin.ScreenshotForDocsAsync("pull-request-diff");

            await page.GetByRole(AriaRole.Link, new() { Name = "Side by side", Exact = true }).ClickAsync();
            await Expect(page.Locator("table.diff-table.split").First).ToBeVisibleAsync();
            await Expect(page.Locator("table.split .inline-comments .comment-body strong")).ToHaveTextAsync("capped");
            await admin.ScreenshotForDocsAsync("pull-request-diff-side-by-side");
        });

        await reviewer.RunAsync(async page =>
        {
            await reviewer.SignInAsync("reviewer", "reviewer-password-1");
            await page.GotoAsync("/projects/SHOP/repos/storefront/pull-requests/1/overview");
            await Expect(page.GetByText("Should the discount be")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Diff", Exact = true }).ClickAsync();
            await page.Locator("tr.line-added").Nth(1).GetByRole(AriaRole.Link, new() { Name = "Comment on line 2", Exact = true }).ClickAsync();
            await page.GetByLabel("Comment on line 2 of src/cart.py").FillAsync(
                "Round to cents:\n\n```suggestion\n    return round(item.cost * 1.2 * (1 - discount), 2)\n```");
            await page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
            await Expect(page.Locator(".comment-body code.language-suggestion")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Expect(page.Locator(".people .verdict")).ToHaveTextAsync("approved");
        });

        await admin.RunAsync(async page =>
        {
            await page.GotoAsync("/projects/SHOP/repos/storefront/pull-requests/1/diff");
            await page.Locator("form.apply-suggestion").ScrollIntoViewIfNeededAsync();
            await admin.ScreenshotForDocsAsync("pull-request-suggestion");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply suggestion" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply suggestion" })).ToHaveCountAsync(0);
            await Expect(page.Locator("tr.line-added").Filter(new() { HasText = "return round(item.cost" })).ToHaveCountAsync(1);
            await PostLintReportAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/overview$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Activity" })).ToBeVisibleAsync();
            await Expect(page.GetByText("Ready to merge")).ToBeVisibleAsync();
            await Expect(page.Locator(".reports .badge")).ToHaveTextAsync("Passed");
            await admin.ScreenshotForDocsAsync("pull-request");
            await page.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
            await Expect(page.Locator(".pr-summary .badge")).ToHaveTextAsync("Merged");
            await page.GotoAsync("/projects/SHOP/repos/storefront/commits");
            await Expect(page.GetByText("Pull request #1: Apply discounts to prices").First).ToBeVisibleAsync();
            await admin.ScreenshotForDocsAsync("commits");

            await page.GotoAsync("/projects/SHOP/repos/storefront/settings/branch-permissions");
            await page.GetByLabel("Branch, pattern or category").FillAsync("main");
            await page.GetByLabel("Restriction", new() { Exact = true }).SelectOptionAsync("fast-forward-only");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add restriction" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("No history rewrite now applies to main");
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "No history rewrite" })).ToContainTextAsync("main");
            await admin.ScreenshotForDocsAsync("branch-permissions");
            await page.GotoAsync("/projects/SHOP/repos/storefront/settings/hooks");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("CI server");
            await page.GetByLabel("URL", new() { Exact = true }).FillAsync("https://ci.example.com/hooks/bitbucket");
            await page.GetByLabel("pr:merged", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Webhook CI server added.");
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CI server" })).ToContainTextAsync("pr:merged");
            await admin.ScreenshotForDocsAsync("webhooks");
            await page.GotoAsync("/projects/SHOP/settings/hooks");
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Project settings" })).ToBeVisibleAsync();
            await admin.ScreenshotForDocsAsync("project-webhooks");
            await page.GotoAsync("/admin/rate-limit");
            await page.GetByLabel("Limit requests").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Requests are limited");
            await admin.ScreenshotForDocsAsync("rate-limit");
            // Off again: the other tests of this server seed through REST with a password, which the limit would count.
            await page.GetByLabel("Limit requests").UncheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Requests are not limited");
            await page.GotoAsync("/projects");
            await admin.ScreenshotForDocsAsync("projects");
            await page.GotoAsync("/projects/SHOP");
            await admin.ScreenshotForDocsAsync("project");
            await page.GetByRole(AriaRole.Link, new() { Name = "Project settings" }).ClickAsync();
            await page.GetByLabel("Every signed-in user may").SelectOptionAsync("PROJECT_READ");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Every signed-in user now has PROJECT_READ.");
            await admin.ScreenshotForDocsAsync("project-settings");
            await page.GotoAsync("/admin/permissions");
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "admin" }).First).ToContainTextAsync("SYS_ADMIN");
            await admin.ScreenshotForDocsAsync("global-permissions");
            await page.GotoAsync("/no/such/page");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
            await admin.ScreenshotForDocsAsync("not-found");
        });

        Assert.Empty(admin.UnexpectedConsoleErrors);
        Assert.Empty(reviewer.UnexpectedConsoleErrors);
    }

    /// <summary>What a developer does at the terminal: commit on main, branch, change, push both over HTTP.</summary>
    /// <summary>What a lint server posts on the source head once the pull request changes: a Code Insights report with one annotation.</summary>
    private async Task PostLintReportAsync()
    {
        using var admin = fixture.Server.AdminClient();
        const string repository = "/projects/SHOP/repos/storefront";
        using var pullRequest = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/rest/api/1.0" + repository + "/pull-requests/1", Ct));
        var head = pullRequest.RootElement.GetProperty("fromRef").GetProperty("latestCommit").GetString();
        var report = $"/rest/insights/1.0{repository}/commits/{head}/reports/com.example.lint";
        (await admin.PutAsJsonAsync(report, new
        {
            title = "Lint", result = "PASS", reporter = "Example Lint",
            data = new object[] { new { title = "Coverage", type = "PERCENTAGE", value = 91.5 }, new { title = "Issues", type = "NUMBER", value = 1 } },
        }, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync(report + "/annotations", new
        {
            annotations = new object[] { new { path = "src/cart.py", line = 4, message = "Consider a docstring", severity = "LOW", type = "CODE_SMELL" } },
        }, Ct)).EnsureSuccessStatusCode();
    }

    private async Task PushAsync()
    {
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("README.md", "# Storefront\n\nThe customer-facing shop.\n\n- **Build**: `make`\n");
        await tree.WriteAsync("src/cart.py", "def price(item):\n    return item.cost * 1.2\n\ndef total(items):\n    return sum(price(i) for i in items)\n");
        await tree.CommitAsync("Start the storefront", Ct);
        await tree.GitAsync(Ct, "checkout", "-q", "-b", "feature/discounts");
        await tree.WriteAsync("src/cart.py", "def price(item, discount=0):\n    return item.cost * 1.2 * (1 - discount)\n\ndef total(items, discount=0):\n    return sum(price(i, discount) for i in items)\n");
        await tree.CommitAsync("Apply discounts to prices", Ct);
        var remote = fixture.AdminRemote("SHOP", "storefront");
        var pushed = await tree.PushAsync(remote, Ct, "main", "feature/discounts");
        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
    }
}
