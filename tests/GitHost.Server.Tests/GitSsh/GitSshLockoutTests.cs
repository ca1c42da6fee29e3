using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.AccessTokens;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Server.Tests.Users;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.GitSsh;

/// <summary>
/// Wrong passwords lock password sign-in only: a stranger who knows a CI user's name must not cut
/// it off git over SSH or its tokens. Disabling the user is what stops every credential.
/// </summary>
public sealed class GitSshLockoutTests(SshServerPerProvider servers) : IClassFixture<SshServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Five_wrong_passwords_leave_the_users_ssh_key_and_token_working(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "ci-bot-" + provider;
        await server.CreateUserAsync(user, Ct);
        var slug = "build-" + provider.ToString().ToLowerInvariant();
        var id = await server.CreateRepositoryAsync("LOCKSSH", slug, Ct);
        var head = "";
        await server.PushDirectAsync(id, async tree => head = await tree.CommitAsync("one", Ct), Ct, "main");
        await server.GrantRepositoryAsync("LOCKSSH", slug, user, "REPO_READ", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, user, Ct);
        using var owner = server.Client(user);
        var token = (await owner.CreateTokenAsync("users/" + user, ["REPO_READ"], Ct)).Raw();

        using (var attacker = server.Client(user, "guessed-wrong"))
        {
            for (var i = 0; i < 4; i++)
            {
                await (await attacker.WhoAmIAsync(user, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
            }

            await (await attacker.WhoAmIAsync(user, Ct)).ExpectAsync(HttpStatusCode.TooManyRequests, Ct);
        }

        var passwordRefused = await (await owner.WhoAmIAsync(user, Ct)).ExpectAsync(HttpStatusCode.TooManyRequests, Ct);
        var work = Directory.CreateTempSubdirectory("githost-ssh-lock-").FullName;
        var clone = await GitSshTestApi.GitAsync(key, work, Ct, "clone", server.SshUrl($"LOCKSSH/{slug}.git"), Path.Combine(work, "c"));
        using var tokenClient = server.BearerClient(token);
        await (await tokenClient.WhoAmIAsync(user, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Contains("Password sign-in is locked until", passwordRefused.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.True(clone.ExitCode == 0, clone.StandardError);
        Assert.Equal(head, (await GitCli.RunAsync(Path.Combine(work, "c"), ["rev-parse", "HEAD"], Ct)).StandardOutput.Trim());
    }

    [Theory]
    [AllDatabases]
    public async Task A_disabled_user_is_refused_with_key_token_and_password_and_welcome_again_when_enabled(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "leaving-" + provider;
        await server.CreateUserAsync(user, Ct);
        var slug = "kept-" + provider.ToString().ToLowerInvariant();
        var id = await server.CreateRepositoryAsync("DISSSH", slug, Ct);
        await server.PushDirectAsync(id, tree => tree.CommitAsync("one", Ct), Ct, "main");
        await server.GrantRepositoryAsync("DISSSH", slug, user, "REPO_READ", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, user, Ct);
        using var password = server.Client(user);
        var token = (await password.CreateTokenAsync("users/" + user, ["REPO_READ"], Ct)).Raw();
        using var tokenClient = server.BearerClient(token);
        using var admin = server.AdminClient();
        var command = $"git-upload-pack '/DISSSH/{slug}.git'";
        Assert.Equal(0, (await server.SshAsync(key, command, Ct)).ExitCode);
        await (await tokenClient.WhoAmIAsync(user, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var disabled = await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/users", new { name = user, active = false }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var sshWhileDisabled = await server.SshAsync(key, command, Ct);
        var tokenWhileDisabled = await tokenClient.WhoAmIAsync(user, Ct);
        var passwordWhileDisabled = await password.WhoAmIAsync(user, Ct);
        await (await admin.PutAsJsonAsync("/rest/api/1.0/admin/users", new { name = user, active = true }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var sshAgain = await server.SshAsync(key, command, Ct);

        Assert.False(disabled.GetProperty("active").GetBoolean());
        Assert.Equal(255, sshWhileDisabled.ExitCode);
        Assert.Contains("Permission denied (publickey)", sshWhileDisabled.Stderr);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenWhileDisabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, passwordWhileDisabled.StatusCode);
        Assert.Equal(0, sshAgain.ExitCode);
    }
}
