using System.Text.RegularExpressions;
using GitHost.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace GitHost.E2E.Tests;

/// <summary>Signing in through the login form and out through the top bar, as a person does it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserServer fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_in_from_the_projects_page_comes_back_to_it_and_signing_out_ends_the_session()
    {
        await Seeding.ProjectAsync(fixture, "SIGN", "Signposts", Ct);
        await using var browser = await fixture.OpenAsync(nameof(Signing_in_from_the_projects_page_comes_back_to_it_and_signing_out_ends_the_session));

        await browser.RunAsync(async page =>
        {
            await page.GotoAsync("/projects");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Signposts" })).ToHaveCountAsync(0);
            var topBar = page.GetByRole(AriaRole.Banner);
            await topBar.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/login\\?next=%2Fprojects$"));
            await browser.ExpectScriptsRanCleanlyAsync();

            await page.Locator("input[name='j_username']").FillAsync(GitHostTestServer.AdminUser);
            await page.Locator("input[name='j_password']").FillAsync(GitHostTestServer.AdminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await page.WaitForURLAsync(new Regex("/projects$"));
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Signposts" })).ToBeVisibleAsync();
            await Expect(topBar.GetByRole(AriaRole.Link, new() { Name = GitHostTestServer.AdminUser, Exact = true })).ToBeVisibleAsync();
            await browser.ExpectScriptsRanCleanlyAsync();

            await topBar.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(topBar.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
            await Expect(topBar.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
            await page.GotoAsync("/projects");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Signposts" })).ToHaveCountAsync(0);
            await browser.ExpectScriptsRanCleanlyAsync();
        });
    }

    [Fact]
    public async Task A_wrong_password_is_told_on_the_login_page()
    {
        await fixture.Server.CreateUserAsync("forgetful", Ct);
        await using var browser = await fixture.OpenAsync(nameof(A_wrong_password_is_told_on_the_login_page));

        await browser.RunAsync(async page =>
        {
            await page.GotoAsync("/login");
            await page.Locator("input[name='j_username']").FillAsync("forgetful");
            await page.Locator("input[name='j_password']").FillAsync("not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await page.WaitForURLAsync(new Regex("/login\\?error=bad-credentials"));
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The username or password is not right.");
            await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
            await browser.ExpectScriptsRanCleanlyAsync();
        });
    }
}
