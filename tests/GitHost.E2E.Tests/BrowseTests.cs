using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GitHost.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace GitHost.E2E.Tests;

/// <summary>Browsing a pushed repository by clicking: project, repository, folder, file; and a link to one line.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowseTests(BrowserServer fixture)
{
    private const int LineCount = 80;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_is_reached_by_clicking_from_the_project_and_its_lines_are_anchors()
    {
        await Seeding.ProjectAsync(fixture, "TOUR", "Guided tour", Ct);
        await Seeding.RepositoryAsync(fixture, "TOUR", "atlas", new Dictionary<string, string>
        {
            ["README.md"] = "# Atlas\n\nMaps of everything.\n",
            ["maps/world.txt"] = WorldMap(),
        }, Ct);
        await using var browser = await fixture.OpenAsync(nameof(A_file_is_reached_by_clicking_from_the_project_and_its_lines_are_anchors));

        await browser.RunAsync(async page =>
        {
            await browser.SignInAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword);
            await page.GotoAsync("/projects/TOUR");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Guided tour", Level = 1 })).ToBeVisibleAsync();
            await browser.ExpectScriptsRanCleanlyAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "atlas", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/projects/TOUR/repos/atlas/browse$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Atlas", Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByText("Maps of everything.")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "maps", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/browse/maps$"));
            await page.GetByRole(AriaRole.Link, new() { Name = "world.txt", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/browse/maps/world\\.txt$"));
            await Expect(page.Locator("table.code tr")).ToHaveCountAsync(LineCount);
            await Expect(page.Locator("tr[id='1'] td.line")).ToHaveTextAsync("Parallel 1");
            await Expect(page.Locator("tr[id='80'] td.line")).ToHaveTextAsync("Parallel 80");
            await browser.ExpectScriptsRanCleanlyAsync();

            await page.GotoAsync("/projects/TOUR/repos/atlas/browse/maps/world.txt#3");
            await Expect(page.Locator("tr:target")).ToHaveAttributeAsync("id", "3");
            await Expect(page.Locator("tr[id='3'] td.line")).ToHaveTextAsync("Parallel 3");

            // Far down the file, the browser scrolls to the line the link names.
            await page.GotoAsync("/projects/TOUR/repos/atlas/browse/maps/world.txt#70");
            await Expect(page.Locator("tr:target")).ToHaveAttributeAsync("id", "70");
            await Expect(page.Locator("tr[id='70']")).ToBeInViewportAsync();
            await Expect(page.Locator("tr[id='1']")).Not.ToBeInViewportAsync();
            await browser.ExpectScriptsRanCleanlyAsync();
        });
    }

    private static string WorldMap()
    {
        var text = new StringBuilder();
        for (var line = 1; line <= LineCount; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Parallel {line}\n");
        }

        return text.ToString();
    }
}
