using System.Net;
using System.Text.RegularExpressions;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Hosting;

/// <summary>
/// The way back in for whoever runs the server: <c>reset-password</c> sets the first administrator's
/// password (from GITHOST_ADMIN_PASSWORD, or a generated one printed once), and a start that ignores
/// GITHOST_ADMIN_PASSWORD says so.
/// </summary>
public sealed partial class PasswordResetCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reset_password_sets_the_given_or_a_generated_password_and_a_start_warns_that_the_variable_is_ignored()
    {
        var home = Directory.CreateTempSubdirectory("githost-reset-").FullName;
        var settings = new Dictionary<string, string?> { ["GitHost:Home"] = home };
        await using (var first = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, settings))
        {
            using var admin = first.AdminClient();
            await (await admin.GetAsync("/rest/api/1.0/users/admin", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        }

        var given = await ServerCommand.RunAsync(home, DatabaseProvider.Sqlite, null,
            new Dictionary<string, string> { ["GITHOST_ADMIN_PASSWORD"] = "recovered-password-1" }, Ct, "reset-password");
        var generated = await ServerCommand.RunAsync(home, DatabaseProvider.Sqlite, null, new Dictionary<string, string>(), Ct, "reset-password", "admin");
        var unknown = await ServerCommand.RunAsync(home, DatabaseProvider.Sqlite, null, new Dictionary<string, string>(), Ct, "reset-password", "nobody-here");

        Assert.True(given.ExitCode == 0, given.Output);
        Assert.Contains("now the one in GITHOST_ADMIN_PASSWORD", given.Output);
        Assert.True(generated.ExitCode == 0, generated.Output);
        var password = GeneratedPassword().Match(generated.Output).Groups[1].Value;
        Assert.NotEqual("", password);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No user named 'nobody-here' exists", unknown.Output);

        await using var second = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, settings);
        using var withGenerated = second.Client("admin", password);
        using var withOld = second.AdminClient();
        await (await withGenerated.GetAsync("/rest/api/1.0/users/admin", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await withOld.GetAsync("/rest/api/1.0/users/admin", Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.True(second.Logs.Contains("is set but IGNORED"));
    }

    [GeneratedRegex(@"The password of 'admin' is now: (\S+)")]
    private static partial Regex GeneratedPassword();
}
