using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>The <c>/users/{slug}</c> addresses the REST API's links hand out open the personal project's pages.</summary>
public sealed class PersonalAddressTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_personal_repository_link_from_the_rest_api_opens_its_page()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("owner-of-mine", Ct);
        using var owner = server.Client("owner-of-mine", GitHostTestServer.DefaultPassword);
        var created = await (await owner.PostAsJsonAsync("/rest/api/1.0/projects/~owner-of-mine/repos", new { name = "Mine" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var link = new Uri(created.GetProperty("links").GetProperty("self")[0].GetProperty("href").GetString()!).PathAndQuery;
        using var browser = await BrowserPage.SignedInAsync(server, "owner-of-mine", Ct);

        var (redirect, _) = await browser.GetAsync(link, Ct);
        var (page, html) = await browser.GetAsync(redirect.Headers.Location!.OriginalString, Ct);
        var (profile, _) = await browser.GetAsync("/users/owner-of-mine", Ct);
        var (projectPage, projectHtml) = await browser.GetAsync(profile.Headers.Location!.OriginalString, Ct);

        Assert.Equal("/users/owner-of-mine/repos/mine/browse", link);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/projects/~owner-of-mine/repos/mine/browse", redirect.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Mine", html, StringComparison.Ordinal);
        Assert.Equal("/projects/~owner-of-mine", profile.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, projectPage.StatusCode);
        Assert.Contains("/repos/mine/browse", projectHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/users/%2F%2Fevil.example/repos/x/browse", "/projects/~%2F%2Fevil.example/repos/x/browse")]
    [InlineData("/users/a%3Fb/repos/x", "/projects/~a%3Fb/repos/x")]
    [InlineData("/users/nobody-at-all", "/projects/~nobody-at-all")]
    [InlineData("/users/u/repos/x/browse/src/a%20b.txt?at=refs%2Fheads%2Fmain#7", "/projects/~u/repos/x/browse/src/a%20b.txt?at=refs%2Fheads%2Fmain")]
    public async Task The_redirect_stays_on_this_server_whatever_the_address_holds(string address, string expected)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var browser = new BrowserPage(server);

        var (response, _) = await browser.GetAsync(address, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }
}
