using GitHost.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace GitHost.E2E.Tests;

/// <summary>A signed-in user without access to a project gets the 404 page, which names nothing of what is there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HiddenProjectTests(BrowserServer fixture)
{
    private const string Repository = "quartermaster-ledger";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_without_access_gets_the_404_page_which_names_nothing()
    {
        await Seeding.ProjectAsync(fixture, "VAULT", "Strongroom", Ct);
        await Seeding.RepositoryAsync(fixture, "VAULT", Repository, new Dictionary<string, string> { ["src/app.js"] = "const answer = 42;\n" }, Ct);
        await fixture.Server.CreateUserAsync("stranger", Ct);
        await using var stranger = await fixture.OpenAsync(nameof(A_user_without_access_gets_the_404_page_which_names_nothing));

        await stranger.RunAsync(async page =>
        {
            await stranger.SignInAsync("stranger", GitHostTestServer.DefaultPassword);
            string[] hidden =
            [
                "/projects/VAULT", $"/projects/VAULT/repos/{Repository}/browse", $"/projects/VAULT/repos/{Repository}/browse/src/app.js",
                $"/projects/VAULT/repos/{Repository}/commits",
            ];
            foreach (var path in hidden)
            {
                var response = await page.GotoAsync(path);
                Assert.Equal(404, response!.Status);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
                var html = await page.ContentAsync();
                foreach (var secret in new[] { Repository, "Strongroom", "app.js", "answer" })
                {
                    Assert.False(html.Contains(secret, StringComparison.OrdinalIgnoreCase), $"The 404 page at {path} names '{secret}'.");
                }

                await stranger.ExpectScriptsRanCleanlyAsync();
                var violations = await Axe.SeriousViolationsAsync(page, path);
                Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
            }

            await page.GotoAsync("/projects");
            await Expect(page.GetByText("Strongroom")).ToHaveCountAsync(0);
        });
    }
}
