using Microsoft.Playwright;
using Xunit;

namespace GitHost.E2E.Tests;

/// <summary>
/// The Content-Security-Policy as the browser applies it: Blazor's script file runs, an inline script
/// is refused, and the refusal shows as a console error, which is what the other tests watch for.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserServer fixture)
{
    [Fact]
    public async Task The_browser_runs_the_servers_script_and_refuses_an_inline_one()
    {
        await using var browser = await fixture.OpenAsync(nameof(The_browser_runs_the_servers_script_and_refuses_an_inline_one));

        await browser.RunAsync(async page =>
        {
            var response = await page.GotoAsync("/login");
            Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
            await browser.ExpectScriptsRanCleanlyAsync();

            var refusal = await page.RunAndWaitForConsoleMessageAsync(
                () => page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true;'; document.body.append(s); }"),
                new() { Predicate = message => message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal) });
            Assert.Contains("inline script", refusal.Text, StringComparison.Ordinal);
            Assert.False(await page.EvaluateAsync<bool>("() => window.inlineRan === true"));
            Assert.Contains(browser.UnexpectedConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
        });
    }
}
