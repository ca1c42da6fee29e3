using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Users;

public sealed class UserAccountTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string NewPassword = "a-brand-new-password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task User_updates_own_display_name_and_email(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("self-editor", Ct);
        using var user = server.Client("self-editor");

        var updated = await (await user.PutAsJsonAsync("/rest/api/1.0/users", new { displayName = "Self Editor", email = "se@example.org", unknown = 1 }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("Self Editor", updated.GetProperty("displayName").GetString());
        var fetched = await (await user.WhoAmIAsync("self-editor", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("se@example.org", fetched.GetProperty("emailAddress").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Invalid_details_are_rejected_and_nothing_changes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("self-invalid", Ct);
        using var user = server.Client("self-invalid");

        foreach (var body in new object[] { new { displayName = "Evil\u202Egnp.exe" }, new { displayName = "zero\u200Bwidth" }, new { displayName = new string('d', 300) }, new { email = "not-an-email" } })
        {
            await (await user.PutAsJsonAsync("/rest/api/1.0/users", body, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        }

        var fetched = await (await user.WhoAmIAsync("self-invalid", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("self-invalid", fetched.GetProperty("displayName").GetString());
        await (await server.Client().PutAsJsonAsync("/rest/api/1.0/users", new { displayName = "x" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Password_change_makes_the_old_password_fail_at_once(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("changer", Ct);
        using var oldClient = server.Client("changer");
        await (await oldClient.WhoAmIAsync("changer", Ct)).ExpectAsync(HttpStatusCode.OK, Ct); // now cached

        await (await oldClient.PutAsJsonAsync("/rest/api/1.0/users/credentials",
            new { oldPassword = GitHostTestServer.DefaultPassword, password = NewPassword, passwordConfirm = NewPassword }, Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        await (await oldClient.WhoAmIAsync("changer", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        using var newClient = server.Client("changer", NewPassword);
        await (await newClient.WhoAmIAsync("changer", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Password_change_needs_the_old_password_a_confirmation_and_eight_characters(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("careful", Ct);
        using var user = server.Client("careful");

        var cases = new (object Body, string Context)[]
        {
            (new { oldPassword = "wrong-old-password", password = NewPassword, passwordConfirm = NewPassword }, "oldPassword"),
            (new { oldPassword = GitHostTestServer.DefaultPassword, password = NewPassword, passwordConfirm = "different-one" }, "passwordConfirm"),
            (new { oldPassword = GitHostTestServer.DefaultPassword, password = "short", passwordConfirm = "short" }, "password"),
        };
        foreach (var (body, context) in cases)
        {
            var error = await (await user.PutAsJsonAsync("/rest/api/1.0/users/credentials", body, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
            Assert.Equal(context, error.GetProperty("errors")[0].GetProperty("context").GetString());
        }

        await (await user.WhoAmIAsync("careful", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
    }

    [Theory]
    [AllDatabases]
    public async Task Repeated_wrong_passwords_lock_the_account_until_an_admin_resets_it(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("locky", Ct);
        using var right = server.Client("locky");
        using var wrong = server.Client("locky", "not-the-password");
        using var admin = server.AdminClient();
        await (await right.WhoAmIAsync("locky", Ct)).ExpectAsync(HttpStatusCode.OK, Ct); // the right password is now cached

        for (var i = 0; i < 4; i++)
        {
            await (await wrong.WhoAmIAsync("locky", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        }

        // The fifth wrong password starts the lock and is told so; from then on even the cached right one is refused.
        await (await wrong.WhoAmIAsync("locky", Ct)).ExpectAsync(HttpStatusCode.TooManyRequests, Ct);
        var locked = await (await right.WhoAmIAsync("locky", Ct)).ExpectAsync(HttpStatusCode.TooManyRequests, Ct);
        Assert.Equal("com.atlassian.bitbucket.auth.CaptchaRequiredAuthenticationException", locked.ExceptionName());

        await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/users/credentials", new { name = "locky", password = NewPassword, passwordConfirm = NewPassword }, Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        using var reset = server.Client("locky", NewPassword);
        await (await reset.WhoAmIAsync("locky", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await right.WhoAmIAsync("locky", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
    }
}
