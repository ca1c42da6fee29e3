using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Server.Tests.Users;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Auth;

/// <summary>Password guessing over every door that takes a password: what the guesser and the real user see.</summary>
public sealed partial class SignInThrottleTests(SignInThrottleTests.PerAddressLimitOn servers) : IClassFixture<SignInThrottleTests.PerAddressLimitOn>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_locked_name_answers_429_with_the_same_text_whether_the_user_exists_or_not(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var known = "known-" + provider;
        var unknown = "ghost-" + provider;
        await server.CreateUserAsync(known, Ct);
        await FailAsync(server, known, 5, "127.0.1.1");
        await FailAsync(server, unknown, 5, "127.0.1.2");

        using var right = server.Client(known);
        using var knownResponse = await right.WhoAmIAsync(known, Ct);
        using var guess = server.Client(unknown, "anything");
        using var unknownResponse = await guess.WhoAmIAsync(known, Ct);
        var knownBody = await knownResponse.ExpectAsync(HttpStatusCode.TooManyRequests, Ct);
        var unknownBody = await unknownResponse.ExpectAsync(HttpStatusCode.TooManyRequests, Ct);

        Assert.Equal(BitbucketExceptionNames.SignInLocked, knownBody.ExceptionName());
        Assert.Equal(WithoutTime(Message(knownBody)), WithoutTime(Message(unknownBody)));
        Assert.Matches(@"^Too many failed sign-ins for this user name or from this address\. Password sign-in is locked until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\. SSH keys and access tokens keep working", Message(knownBody));
        var retryAfter = int.Parse(knownResponse.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.False(knownResponse.Headers.Contains("WWW-Authenticate"));
    }

    [Theory]
    [AllDatabases]
    public async Task An_admin_lifts_the_lock_with_bitbuckets_clear_captcha_call(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "unlock-me-" + provider;
        await server.CreateUserAsync(user, Ct);
        await FailAsync(server, user, 5, "127.0.1.3");
        using var right = server.Client(user);
        using var admin = server.AdminClient();
        await (await right.WhoAmIAsync(user, Ct)).ExpectAsync(HttpStatusCode.TooManyRequests, Ct);

        await (await admin.DeleteAsync($"/rest/api/1.0/admin/users/captcha?name={user}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.DeleteAsync("/rest/api/1.0/admin/users/captcha?name=nobody-at-all", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        await (await right.WhoAmIAsync(user, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
    }

    [Fact]
    public async Task One_address_guessing_many_names_is_locked_while_the_same_user_from_another_address_signs_in()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var user = "bystander-addr";
        await server.CreateUserAsync(user, Ct);
        for (var i = 0; i < PerAddressLimitOn.AddressLimit; i++)
        {
            using var attempt = ClientFrom(server, "127.0.0.9", $"spray-{i}", "wrong");
            var expected = i < PerAddressLimitOn.AddressLimit - 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests;
            await (await attempt.WhoAmIAsync(user, Ct)).ExpectAsync(expected, Ct);
        }

        using var sameAddress = ClientFrom(server, "127.0.0.9", user, GitHostTestServer.DefaultPassword);
        using var otherAddress = ClientFrom(server, "127.0.0.10", user, GitHostTestServer.DefaultPassword);

        await (await sameAddress.WhoAmIAsync(user, Ct)).ExpectAsync(HttpStatusCode.TooManyRequests, Ct);
        await (await otherAddress.WhoAmIAsync(user, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
    }

    [Fact]
    public async Task Git_over_http_prints_the_lock_and_its_end_as_a_remote_line()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var user = "git-locked";
        await server.CreateUserAsync(user, Ct);
        await server.CreateRepositoryAsync("LOCKGIT", "repo", Ct);
        await FailAsync(server, user, 5, "127.0.1.4");
        var work = Directory.CreateTempSubdirectory("githost-lock-git-").FullName;
        var url = new UriBuilder(server.BaseAddress) { UserName = user, Password = GitHostTestServer.DefaultPassword, Path = "/scm/lockgit/repo.git" }.Uri.ToString();

        var listed = await GitCli.RunAsync(work, ["ls-remote", url], Ct);

        Assert.NotEqual(0, listed.ExitCode);
        Assert.Contains("remote: Too many failed sign-ins for this user name or from this address. Password sign-in is locked until", listed.StandardError);
        Assert.Contains("429", listed.StandardError);
    }

    [Fact]
    public async Task The_sign_in_form_is_sent_back_with_the_time_the_lock_ends()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var user = "form-locked";
        await server.CreateUserAsync(user, Ct);
        await FailAsync(server, user, 5, "127.0.1.5");
        using var browser = new SessionClient(server);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        using var login = await browser.LoginAsync(user, GitHostTestServer.DefaultPassword, Ct);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var match = LockedRedirect().Match(login.Headers.Location!.OriginalString);
        Assert.True(match.Success, login.Headers.Location.OriginalString);
        Assert.InRange(long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), before, before + 61_000);
        Assert.Null(browser.SessionCookie);
    }

    /// <summary>Wrong passwords from an address of the test's own, so the per-address limit of 127.0.0.1 stays untouched.</summary>
    private static async Task FailAsync(GitHostTestServer server, string user, int times, string source)
    {
        using var wrong = ClientFrom(server, source, user, "not-the-password");
        for (var i = 0; i < times; i++)
        {
            // The attempt that reaches the limit is already answered with the lock.
            using var response = await wrong.WhoAmIAsync(user, Ct);
            Assert.Equal(i < times - 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }

    private static string WithoutTime(string message) => Timestamp().Replace(message, "<time>");

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")]
    private static partial Regex Timestamp();

    private static string Message(System.Text.Json.JsonElement body) => body.GetProperty("errors")[0].GetProperty("message").GetString()!;

    /// <summary>An HTTP client whose connections come from <paramref name="source"/> (any 127.x address is local on Linux).</summary>
    private static HttpClient ClientFrom(GitHostTestServer server, string source, string user, string password)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    [GeneratedRegex(@"^/login\?error=locked&until=(\d+)&next=")]
    private static partial Regex LockedRedirect();

    /// <summary>Servers with the per-address limit on (the test server turns it off by default).</summary>
    public sealed class PerAddressLimitOn() : ServerPerProvider(new Dictionary<string, string?>
    {
        ["GitHost:Security:MaxFailedSignInsPerAddress"] = AddressLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    })
    {
        public const int AddressLimit = 12;
    }
}
