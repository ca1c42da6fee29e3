using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Testing;
using GitHost.Testing.Pipelines;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace GitHost.E2E.Tests;

/// <summary>A pipeline's page as a reader watches a build: log lines and states arrive while it is open, without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LivePipelineTests(BrowserServer fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_pipelines_page_shows_new_log_lines_and_its_end_without_a_reload()
    {
        var signals = Directory.CreateTempSubdirectory("githost-live-");
        var go = Path.Combine(signals.FullName, "go");
        using var admin = fixture.Server.AdminClient();
        await Seeding.ProjectAsync(fixture, "LIVE", "Live builds", Ct);
        using var createdRepository = await admin.PostAsJsonAsync("/rest/api/1.0/projects/LIVE/repos", new { name = "build" }, Ct);
        var repositoryId = (await createdRepository.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        using var createdRunner = await admin.PostAsJsonAsync("/rest/pipelines/1.0/projects/LIVE/runners", new { name = "live", labels = new[] { "linux.shell" } }, Ct);
        var token = (await createdRunner.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString();
        await using var runner = RunnerProcess.Start(fixture.Server.BaseAddress, token);
        await runner.WaitForOutputAsync("Polling", Deadline, Ct);

        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("bitbucket-pipelines.yml", $"""
            pipelines:
              default:
                - step:
                    name: Build
                    script:
                      - echo "compiling the first part"
                      - while [ ! -e '{go}' ]; do sleep 0.05; done
                      - echo "linking the second part"
            """);
        await tree.CommitAsync("Build on every push", Ct);
        Assert.Equal(0, (await tree.PushAsync(fixture.AdminRemote("LIVE", "build"), Ct, "main")).ExitCode);
        await fixture.Server.Logs.WaitForAsync(l => l.Contains($"Pipeline #1 of repository {repositoryId} recorded", StringComparison.Ordinal), Deadline, Ct);
        await using var browser = await fixture.OpenAsync(nameof(A_running_pipelines_page_shows_new_log_lines_and_its_end_without_a_reload));

        await browser.RunAsync(async page =>
        {
            await browser.SignInAsync(GitHostTestServer.AdminUser, GitHostTestServer.AdminPassword);
            await page.GotoAsync("/projects/LIVE/repos/build/pipelines/results/1");
            await page.EvaluateAsync("() => { window.sameDocument = true; }");
            await Expect(page.Locator(".pipeline-steps[data-live='true']")).ToBeVisibleAsync();
            var log = page.GetByRole(AriaRole.Log, new() { Name = "Log of Build" });
            await Expect(log).ToContainTextAsync("compiling the first part", new() { Timeout = 30_000 });
            await Expect(page.Locator("dl.facts .badge")).ToHaveTextAsync("In progress");
            await browser.ScreenshotForDocsAsync("pipeline-live");

            await File.WriteAllTextAsync(go, "", Ct);
            await Expect(log).ToContainTextAsync("linking the second part", new() { Timeout = 30_000 });
            await Expect(page.Locator("dl.facts .badge")).ToHaveTextAsync("Successful", new() { Timeout = 30_000 });
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rerun" })).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was never reloaded");
            await browser.ExpectScriptsRanCleanlyAsync();

            await page.GotoAsync("/projects/LIVE/repos/build/pipelines");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "#1" })).ToBeVisibleAsync();
            await browser.ScreenshotForDocsAsync("pipelines");
            await page.GotoAsync("/projects/LIVE/settings/pipelines");
            await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "live", Exact = true })).ToBeVisibleAsync();
            await browser.ScreenshotForDocsAsync("pipeline-settings");
        });
        signals.Delete(recursive: true);
    }
}
