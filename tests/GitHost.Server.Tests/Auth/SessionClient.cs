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
        PostFormAsync("/j_atl_security_check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["j_username"] = user,
            ["j_password"] = password,
        }), cancellationToken);

    public Task<HttpResponseMessage> LogoutAsync(CancellationToken cancellationToken) => PostFormAsync("/logout", null, cancellationToken);

    /// <summary>Posts a form as a script would: with Bitbucket's no-check header instead of the web form's anti-forgery token.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, HttpContent? form, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.Add("X-Atlassian-Token", "no-check");
        return Http.SendAsync(request, cancellationToken);
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }
}
