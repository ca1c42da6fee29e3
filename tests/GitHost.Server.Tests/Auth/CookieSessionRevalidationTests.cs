using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Auth;

public sealed class CookieSessionRevalidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<GitHostTestServer> StartAsync(DatabaseProvider provider) =>
        GitHostTestServer.StartAsync(provider, Ct, new Dictionary<string, string?> { ["GitHost:Security:SessionRevalidationSeconds"] = "0" });

    [Theory]
    [AllDatabases]
    public async Task Session_survives_while_nothing_changes_and_ends_when_an_admin_resets_the_password(DatabaseProvider provider)
    {
        await using var server = await StartAsync(provider);
        await server.CreateUserAsync("session-user", Ct);
        using var browser = new SessionClient(server);
        using var admin = server.AdminClient();
        await browser.LoginAsync("session-user", GitHostTestServer.DefaultPassword, Ct);

        for (var i = 0; i < 3; i++)
        {
            await (await browser.Http.GetAsync("/rest/api/1.0/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        }

        await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/users/credentials",
            new { name = "session-user", password = "a-new-password-1", passwordConfirm = "a-new-password-1" }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await browser.Http.GetAsync("/rest/api/1.0/users", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Wrong_passwords_for_a_signed_in_user_do_not_end_the_session(DatabaseProvider provider)
    {
        await using var server = await StartAsync(provider);
        await server.CreateUserAsync("guessed-user", Ct);
        using var browser = new SessionClient(server);
        await browser.LoginAsync("guessed-user", GitHostTestServer.DefaultPassword, Ct);
        using var guesser = server.Client("guessed-user", "wrong-password");
        for (var i = 0; i < 6; i++)
        {
            await guesser.GetAsync("/rest/api/1.0/users", Ct);
        }

        using var locked = await server.Client("guessed-user").GetAsync("/rest/api/1.0/users", Ct);
        using var session = await browser.Http.GetAsync("/rest/api/1.0/users", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("guessed-user", session.Headers.GetValues("X-AUSERNAME").Single());
    }

    [Theory]
    [AllDatabases]
    public async Task Session_of_a_deleted_user_ends_at_the_next_request(DatabaseProvider provider)
    {
        await using var server = await StartAsync(provider);
        await server.CreateUserAsync("doomed-user", Ct);
        using var browser = new SessionClient(server);
        using var admin = server.AdminClient();
        await browser.LoginAsync("doomed-user", GitHostTestServer.DefaultPassword, Ct);
        await (await browser.Http.GetAsync("/rest/api/1.0/users", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await (await admin.DeleteAsync("/rest/api/1.0/admin/users?name=doomed-user", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        using var response = await browser.Http.GetAsync("/rest/api/1.0/users", Ct);
        await response.ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.Equal("anonymous", response.Headers.GetValues("X-AUSERNAME").Single());
    }
}
