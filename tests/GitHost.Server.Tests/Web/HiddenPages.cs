using System.Net;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>The rule for pages of something a user may not see: 404 naming nothing to them, 401 (sign in) to a visitor.</summary>
internal static class HiddenPages
{
    public static async Task AssertHiddenAsync(
        BrowserPage outsider, BrowserPage anonymous, IEnumerable<string> pages, string secret, CancellationToken cancellationToken)
    {
        foreach (var page in pages)
        {
            var (response, html) = await outsider.GetAsync(page, cancellationToken);
            var (anonymousResponse, _) = await anonymous.GetAsync(page, cancellationToken);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{page}: {response.StatusCode}");
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.True(anonymousResponse.StatusCode == HttpStatusCode.Unauthorized, $"{page} (anonymous): {anonymousResponse.StatusCode}");
        }
    }
}
