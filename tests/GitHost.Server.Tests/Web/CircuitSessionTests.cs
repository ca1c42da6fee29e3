using System.Security.Claims;
using GitHost.Data;
using GitHost.Server.Auth;
using GitHost.Testing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>An open page's circuit stops acting for a session once it is signed out, as a cookie does.</summary>
public sealed class CircuitSessionTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_circuit_keeps_a_live_session_and_drops_one_that_was_signed_out()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("circuit-user", Ct);
        using var browser = await BrowserPage.SignedInAsync(server, "circuit-user", Ct);
        var session = SessionOf(server, browser);
        await using var scope = server.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var circuit = Assert.IsType<CircuitSessionRevalidation>(provider);

        var whileSignedIn = await circuit.RevalidateAsync(new AuthenticationState(session), Ct);
        var (_, page) = await browser.GetAsync("/projects", Ct);
        using var signedOut = await browser.Http.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserPage.AntiforgeryToken(page),
        }), Ct);
        var afterSignOut = await circuit.RevalidateAsync(new AuthenticationState(session), Ct);
        var anonymous = await circuit.RevalidateAsync(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())), Ct);

        Assert.Equal("circuit-user", session.Identity?.Name);
        Assert.True(whileSignedIn);
        Assert.False(afterSignOut);
        Assert.True(anonymous);
    }

    /// <summary>The claims a circuit would hold: the browser's session cookie, read as the server reads it.</summary>
    private static ClaimsPrincipal SessionOf(GitHostTestServer server, BrowserPage browser)
    {
        var options = server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AuthSchemes.Cookie);
        var ticket = options.TicketDataFormat.Unprotect(browser.SessionCookie!.Value);
        return Assert.IsType<ClaimsPrincipal>(ticket?.Principal);
    }
}
