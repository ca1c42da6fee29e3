using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace GitHost.E2E.Tests;

/// <summary>
/// One person's browser in a test. <see cref="RunAsync"/> keeps the evidence when a step fails: a
/// full-page screenshot and the page's HTML in the artifacts folder, named in the failure.
/// It also collects the console's errors, which a page must not have (a CSP violation is one).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _testName;
    private readonly List<string> _consoleErrors = [];

    public BrowserSession(IBrowserContext context, IPage page, string testName)
    {
        _context = context;
        _testName = testName;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _consoleErrors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>The console's errors, but for the browser's own note that a page answered 404 (the not-found page does).</summary>
    public IReadOnlyList<string> UnexpectedConsoleErrors =>
        _consoleErrors.Where(e => !e.Contains("status of 404", StringComparison.Ordinal)).ToList();

    public static string ArtifactsFolder =>
        Environment.GetEnvironmentVariable("GITHOST_E2E_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "e2e-artifacts");

    public async Task RunAsync(Func<IPage, Task> steps)
    {
        try
        {
            await steps(Page);
        }
        catch (Exception failure)
        {
            var kept = await KeepEvidenceAsync();
            throw new InvalidOperationException($"{failure.Message} (at {Page.Url}; {kept})", failure);
        }
    }

    /// <summary>
    /// A page with the server's scripts running and nothing refused: Blazor's script loaded (so the
    /// Content-Security-Policy let it), and no console error so far (a CSP violation is logged as one).
    /// </summary>
    public async Task ExpectScriptsRanCleanlyAsync()
    {
        await Page.WaitForFunctionAsync("() => typeof window.Blazor === 'object'");
        ExpectNoConsoleError();
    }

    /// <summary>No console error so far; for the documents that carry no script (the 404 of an address no page answers).</summary>
    public void ExpectNoConsoleError() =>
        Assert.True(UnexpectedConsoleErrors.Count == 0, $"Console errors on {Page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, UnexpectedConsoleErrors)}");

    /// <summary>The screenshot and HTML of the page as it failed; says where they are, or why they could not be kept.</summary>
    private async Task<string> KeepEvidenceAsync()
    {
        var stem = Path.Combine(ArtifactsFolder, _testName);
        try
        {
            Directory.CreateDirectory(ArtifactsFolder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true });
            await File.WriteAllTextAsync(stem + ".html", await Page.ContentAsync(), TestContext.Current.CancellationToken);
            return $"screenshot and HTML: {stem}.png, {stem}.html";
        }
        catch (Exception keeping) when (keeping is PlaywrightException or IOException or UnauthorizedAccessException)
        {
            return $"no screenshot or HTML kept in {ArtifactsFolder}: {keeping.Message}";
        }
    }

    /// <summary>The signing-in a person does: the login form, then the page they asked for.</summary>
    public async Task SignInAsync(string user, string password)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("Username").FillAsync(user);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Polls the address only: WaitForURLAsync then waits for the page's load event, which after the
        // form's redirect was once missed with the signed-in page fully shown (a 15 s timeout in CI).
        await Expect(Page).Not.ToHaveURLAsync(new Regex("/login"), new() { Timeout = 30_000 });
    }

    /// <summary>Saves a 1200×700 screenshot for docs/screenshots when GITHOST_SCREENSHOTS names a folder.</summary>
    public async Task ScreenshotForDocsAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("GITHOST_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
