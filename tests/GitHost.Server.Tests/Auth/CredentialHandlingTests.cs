using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.Auth;

public sealed class CredentialHandlingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Basic_password_is_hashed_once_then_served_from_the_credential_cache(DatabaseProvider provider)
    {
        var hasher = new CountingPasswordHasher();
        await using var server = await GitHostTestServer.StartAsync(provider, Ct,
            configureServices: services => services.AddSingleton<IPasswordHasher<UserEntity>>(hasher));
        await server.CreateUserAsync("cached", Ct);
        using var client = server.Client("cached");
        var before = hasher.Verifications;

        for (var i = 0; i < 20; i++)
        {
            await (await client.GetAsync("/rest/api/1.0/projects", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        }

        Assert.Equal(1, hasher.Verifications - before);
    }

    [Theory]
    [AllDatabases]
    public async Task First_requests_of_one_user_arriving_together_all_sign_in_and_save(DatabaseProvider provider)
    {
        const int Requests = 6;
        var hasher = new GatedPasswordHasher();
        await using var server = await GitHostTestServer.StartAsync(provider, Ct,
            configureServices: services => services.AddSingleton<IPasswordHasher<UserEntity>>(hasher));
        var userId = await server.CreateUserAsync("together", Ct);
        hasher.HoldUntil(Requests);

        // Each request verifies the password (the cache is cold) and then writes something of its own.
        var statuses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            using var client = server.Client("together");
            using var response = await client.PostAsJsonAsync("/rest/build-status/1.0/commits/" + new string((char)('a' + i), 40),
                new { key = "ci", state = "SUCCESSFUL", url = "https://ci.example.com/" + i }, Ct);
            return response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NoContent, status));
        Assert.Equal(Requests, await server.WithDatabaseAsync(db => db.BuildStatuses.CountAsync(b => b.Key == "ci" && b.RepositoryId == null, Ct)));
        Assert.NotNull(await server.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LastAuthenticated).SingleAsync(Ct)));
    }

    [Theory]
    [AllDatabases]
    public async Task Passwords_never_reach_the_log(DatabaseProvider provider)
    {
        await using var server = await GitHostTestServer.StartAsync(provider, Ct);
        await server.CreateUserAsync("logged", Ct, password: "correct-horse-battery");
        using var wrong = server.Client("logged", "wrong-horse-battery");
        using var right = server.Client("logged", "correct-horse-battery");

        await (await wrong.GetAsync("/rest/api/1.0/projects", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await right.GetAsync("/rest/api/1.0/projects", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.NotEmpty(server.Logs.Lines);
        Assert.False(server.Logs.Contains("wrong-horse-battery"));
        Assert.False(server.Logs.Contains("correct-horse-battery"));
        Assert.False(server.Logs.Contains(GitHostTestServer.AdminPassword));
    }

    [Theory]
    [InlineData("Basic", "not-base64!!")]
    [InlineData("Basic", "bm9jb2xvbg==")]
    [InlineData("Basic", "OnBhc3N3b3Jk")]
    [InlineData("Basic", "YWRtaW46")]
    [InlineData("Bearer", "")]
    [InlineData("Bearer", "GHT-not-a-real-token-but-the-right-shape-000000000000")]
    [InlineData("Negotiate", "abc")]
    public async Task Malformed_or_wrong_credentials_get_401_with_the_envelope(string scheme, string parameter)
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rest/api/1.0/application-properties");
        request.Headers.TryAddWithoutValidation("Authorization", parameter.Length == 0 ? scheme : $"{scheme} {parameter}");

        using var response = await client.SendAsync(request, Ct);

        var body = await response.ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.Equal("com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException", body.ExceptionName());
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Oversized_credentials_are_refused_without_work()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        using var client = server.Client();
        var huge = Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + new string('x', 10_000)));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", huge);

        using var response = await client.GetAsync("/rest/api/1.0/projects", Ct);

        await response.ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }
}
