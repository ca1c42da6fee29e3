using System.Globalization;
using System.Text.RegularExpressions;
using GitHost.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace GitHost.E2E.Tests;

/// <summary>The ref selector, the one interactive part of the browse page: it searches all branches on the server as you type.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RefSearchTests(BrowserServer fixture)
{
    private const int ManyBranches = 130;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Typing_in_the_ref_selector_finds_a_branch_beyond_the_first_hundred_and_going_there_shows_it()
    {
        await Seeding.ProjectAsync(fixture, "REFS", "Many refs", Ct);
        await Seeding.RepositoryAsync(fixture, "REFS", "branches", new Dictionary<string, string> { ["README.md"] = "# Branches\n" }, Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        Assert.Equal(0, (await tree.GitAsync(Ct, "fetch", "--quiet", fixture.AdminRemote("REFS", "branches"), "main:refs/remotes/server/main")).ExitCode);
        await tree.WriteAsync("NEEDLE.md", "# Found\n");
        await tree.GitAsync(Ct, "checkout", "--quiet", "-b", "release/needle", "server/main");
        await tree.CommitAsync("The needle", Ct);
        for (var i = 0; i < ManyBranches; i++)
        {
            Assert.Equal(0, (await tree.GitAsync(Ct, "branch", "hay-" + i.ToString("000", CultureInfo.InvariantCulture), "server/main")).ExitCode);
        }

        var pushed = await tree.GitAsync(Ct, "push", "--quiet", fixture.AdminRemote("REFS", "branches"), "refs/heads/*:refs/heads/*");
        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        await using var browser = await fixture.OpenAsync(nameof(Typing_in_the_ref_selector_finds_a_branch_beyond_the_first_hundred_and_going_there_shows_it));

        await browser.RunAsync(async page =>
        {
            await browser.SignInAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword);
            await page.GotoAsync("/projects/REFS/repos/branches/browse");
            await Expect(page.Locator("form.ref-selector[data-live='true']")).ToBeVisibleAsync();
            var options = page.Locator("#ref-at-refs option");
            await Expect(options).ToHaveCountAsync(100);

            var field = page.GetByRole(AriaRole.Combobox, new() { Name = "Branch, tag or commit" });
            await field.FillAsync("needle");
            await Expect(options).ToHaveCountAsync(1);
            await Expect(options).ToHaveAttributeAsync("value", "release/needle");
            await field.FillAsync("hay-12");
            await Expect(options).ToHaveCountAsync(10);

            await field.FillAsync("release/needle");
            await field.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex("/browse\\?at=release%2Fneedle$"));
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "NEEDLE.md", Exact = true })).ToBeVisibleAsync();
            await browser.ExpectScriptsRanCleanlyAsync();
        });
    }
}
