using System.Net;
using GitHost.Testing;

namespace GitHost.Server.Tests.Auth;

/// <summary>A browser-like client: keeps cookies, does not follow redirects, sends no Authorization header.</summary>
internal sealed class SessionClient : IDisposable
{
    private readonly HttpClientHandler _handler;

    public SessionClient(GitHostTestServer server)
    {
        _handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        Http = new HttpClient(_handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public Cookie? SessionCookie => _handler.CookieContainer.GetCookies(Http.BaseAddress!)["GITHOST_SESSION"];

    public Task<HttpResponseMessage> LoginAsync(string user, string password, CancellationToken cancellationToken) =>
        Http.PostAsync("/j_atl_security_check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["j_username"] = user,
            ["j_password"] = password,
        }), cancellationToken);

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }
}
