using System.Net;
using System.Text.RegularExpressions;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Web;

/// <summary>A browser without script: keeps cookies, reads a page's anti-forgery token and posts its forms.</summary>
internal sealed partial class BrowserPage : IDisposable
{
    private readonly HttpClientHandler _handler;
    private readonly GitHostTestServer _server;

    public BrowserPage(GitHostTestServer server)
    {
        _server = server;
        _handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        Http = new HttpClient(_handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    /// <summary>A browser already signed in as <paramref name="user"/> through the login form.</summary>
    public static async Task<BrowserPage> SignedInAsync(
        GitHostTestServer server, string user, CancellationToken cancellationToken, string password = GitHostTestServer.DefaultPassword)
    {
        var browser = new BrowserPage(server);
        using var response = await browser.SignInAsync(user, password, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Found)
        {
            browser.Dispose();
            throw new InvalidOperationException($"{user} could not sign in: {(int)response.StatusCode}.");
        }

        return browser;
    }

    public static Task<BrowserPage> AdminAsync(GitHostTestServer server, CancellationToken cancellationToken) =>
        SignedInAsync(server, GitHostTestServer.AdminUser, cancellationToken, GitHostTestServer.AdminPassword);

    public Cookie? SessionCookie => _handler.CookieContainer.GetCookies(Http.BaseAddress!)["GITHOST_SESSION"];

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path, CancellationToken cancellationToken)
    {
        var response = await Http.GetAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            // The page says only that something went wrong; the server's log says what, for the failing test's output.
            TestContext.Current.TestOutputHelper?.WriteLine($"GET {path} answered 500; the server's last log lines:\n{string.Join('\n', _server.Logs.Lines.TakeLast(40))}");
        }

        return (response, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Signs in through the login page's form, token included, as a person would.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string user, string password, CancellationToken cancellationToken, string next = "/projects")
    {
        var (_, login) = await GetAsync("/login", cancellationToken);
        return await Http.PostAsync("/j_atl_security_check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["j_username"] = user,
            ["j_password"] = password,
            ["next"] = next,
            ["__RequestVerificationToken"] = AntiforgeryToken(login),
        }), cancellationToken);
    }

    /// <summary>
    /// Posts one of a page's forms as the browser would: its fields, the page's anti-forgery token and
    /// Blazor's <c>_handler</c> naming the form.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(
        string path, string pageHtml, string formName, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = AntiforgeryToken(pageHtml),
        };
        return await Http.PostAsync(path, new FormUrlEncodedContent(body), cancellationToken);
    }

    public static string AntiforgeryToken(string html) =>
        TokenField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no anti-forgery token field.");

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
