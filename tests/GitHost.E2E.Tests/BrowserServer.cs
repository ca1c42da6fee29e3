using GitHost.Data;
using GitHost.Testing;
using Microsoft.Playwright;
using Xunit;

namespace GitHost.E2E.Tests;

/// <summary>
/// One real GitHost (Kestrel on 127.0.0.1, SQLite) and one headless Chromium for the browser tests; each
/// test opens its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class BrowserServer : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private GitHostTestServer? _server;

    public GitHostTestServer Server => _server ?? throw new InvalidOperationException("The fixture is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>The HTTP remote a developer would push to, with the administrator's credentials in it.</summary>
    public string AdminRemote(string projectKey, string slug) => new UriBuilder(Server.BaseAddress)
    {
        Path = $"/scm/{projectKey.ToLowerInvariant()}/{slug}.git",
        UserName = GitHostTestServer.AdminUser,
        Password = Uri.EscapeDataString(GitHostTestServer.AdminPassword),
    }.Uri.ToString();

    public async ValueTask InitializeAsync()
    {
        var chromium = ChromiumFinder.Find();
        // Assertions get the same bound as page actions (below): their own default, 5 s, a Blazor round trip under CI load can pass.
        Assertions.SetDefaultExpectTimeout(30_000);
        _server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, TestContext.Current.CancellationToken);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumFinder.Arguments,
        });
    }

    /// <summary>A fresh browser (context and page) at the server, 1200×700 like the screenshots in docs.</summary>
    public async Task<BrowserSession> OpenAsync(string testName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1200, Height = 700 },
        });
        // The browser tests share two cores with the server tests in CI, where a page load has taken over 15 s.
        context.SetDefaultTimeout(30_000);
        return new BrowserSession(context, await context.NewPageAsync(), testName);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
