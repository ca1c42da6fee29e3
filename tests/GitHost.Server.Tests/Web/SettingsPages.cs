using System.Net;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>What the settings pages' tests share: the permission forms' fields, and who may open such a page.</summary>
internal static class SettingsPages
{
    /// <summary>The fields a <c>GrantTable</c> form posts (<c>grant-user</c>, <c>revoke-group</c>…).</summary>
    public static Dictionary<string, string> GrantForm(string action, string name, string permission) => new()
    {
        ["Input.Action"] = action,
        ["Input.Name"] = name,
        ["Input.Permission"] = permission,
    };

    /// <summary>A reader of the project is refused (403, said on the page), an outsider sees nothing (404), a visitor is asked to sign in (401).</summary>
    public static async Task AssertAdministratorsOnlyAsync(
        string page, BrowserPage reader, BrowserPage outsider, BrowserPage anonymous, CancellationToken cancellationToken)
    {
        var (readerResponse, readerHtml) = await reader.GetAsync(page, cancellationToken);
        var (outsiderResponse, _) = await outsider.GetAsync(page, cancellationToken);
        var (anonymousResponse, _) = await anonymous.GetAsync(page, cancellationToken);

        Assert.True(readerResponse.StatusCode == HttpStatusCode.Forbidden, $"{page} (reader): {readerResponse.StatusCode}");
        Assert.Contains("Not allowed", readerHtml, StringComparison.Ordinal);
        Assert.True(outsiderResponse.StatusCode == HttpStatusCode.NotFound, $"{page} (outsider): {outsiderResponse.StatusCode}");
        Assert.True(anonymousResponse.StatusCode == HttpStatusCode.Unauthorized, $"{page} (anonymous): {anonymousResponse.StatusCode}");
    }
}
