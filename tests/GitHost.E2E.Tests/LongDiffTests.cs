using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GitHost.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace GitHost.E2E.Tests;

/// <summary>
/// A long diff in the browser: the first part comes with the page, the next arrives by script as
/// it nears the screen, a link to a line of a later part loads the parts up to it, the keys move
/// between files, and the side-by-side layout shows both sides.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LongDiffTests(BrowserServer fixture)
{
    // 300 lines a file: three files (903 rows) fill a part of about 1,200 rows, six files make two parts.
    private const int Files = 6;
    private const int Lines = 300;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_long_diff_arrives_in_parts_and_keys_move_between_its_files()
    {
        await Seeding.ProjectAsync(fixture, "LONG", "Long diffs", Ct);
        await Seeding.RepositoryAsync(fixture, "LONG", "many", Enumerable.Range(1, Files).ToDictionary(f => $"file{f}.txt", Text), Ct);
        await using var browser = await fixture.OpenAsync(nameof(A_long_diff_arrives_in_parts_and_keys_move_between_its_files));

        await browser.RunAsync(async page =>
        {
            await browser.SignInAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword);
            await page.GotoAsync("/projects/LONG/repos/many/commits");
            await page.Locator("a.commit-id").First.ClickAsync();
            await page.WaitForURLAsync(new Regex("/commits/[0-9a-f]{40}$"));
            var commit = page.Url;

            // The page came with part 1; scrolling near its end fetches part 2 without a click.
            await Expect(page.Locator("[data-diff-part='1'] section.diff-file")).ToHaveCountAsync(3);
            await Expect(page.Locator("[data-diff-part='2']")).ToHaveCountAsync(0);
            await page.Locator("[data-diff-next]").ScrollIntoViewIfNeededAsync();
            await Expect(page.Locator("[data-diff-part='2'] section.diff-file")).ToHaveCountAsync(3);
            await Expect(page.Locator("[data-diff-next]")).ToHaveCountAsync(0);
            await Expect(page.Locator("tr#file-6-d300")).ToHaveCountAsync(1);
            await browser.ExpectScriptsRanCleanlyAsync();

            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await Expect(page.Locator(".diff-help")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("j");
            await Expect(page.Locator("section.diff-file.key-focus")).ToHaveAttributeAsync("id", "file-1");
            await page.Keyboard.PressAsync("j");
            await Expect(page.Locator("section.diff-file.key-focus")).ToHaveAttributeAsync("id", "file-2");
            await page.Keyboard.PressAsync("k");
            await Expect(page.Locator("section.diff-file.key-focus")).ToHaveAttributeAsync("id", "file-1");

            // A link to a line in the second part, straight from outside the page.
            await page.GotoAsync(commit + "#file-5-d250");
            await Expect(page.Locator("tr#file-5-d250")).ToBeInViewportAsync();

            // Without script the second part is a page of its own.
            await page.GotoAsync(commit + "?part=2&view=split");
            await Expect(page.Locator("[data-diff-part='2'] section.diff-file")).ToHaveCountAsync(3);
            await Expect(page.Locator("table.diff-table.split").First).ToBeVisibleAsync();
            await Expect(page.Locator("td#file-4-d1 + td.ins")).ToHaveTextAsync("file 4 line 1");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Show files 1–3" })).ToBeVisibleAsync();
            await browser.ExpectScriptsRanCleanlyAsync();
        });
    }

    private static string Text(int file)
    {
        var text = new StringBuilder();
        for (var line = 1; line <= Lines; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"file {file} line {line}\n");
        }

        return text.ToString();
    }
}
