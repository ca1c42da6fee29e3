using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.GitSsh;

/// <summary>Who may do what over SSH: the same permission service as HTTP, keys checked on every connection, access keys limited to their grant.</summary>
public sealed class GitSshAccessTests(SshServerPerProvider servers) : IClassFixture<SshServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_key_is_refused_at_authentication()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var key = await SshClientKey.CreateAsync(server, Ct);

        var result = await server.SshAsync(key, "git-upload-pack '/ANY/repo.git'", Ct);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [AllDatabases]
    public async Task A_private_repository_without_access_answers_exactly_like_a_missing_one(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("sshoutsider", Ct);
        var id = await server.CreateRepositoryAsync("SSHPRIV", "secret", Ct);
        await server.PushDirectAsync(id, tree => tree.CommitAsync("secret", Ct), Ct, "main");
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, "sshoutsider", Ct);
        var work = Directory.CreateTempSubdirectory("githost-ssh-priv-").FullName;

        var hidden = await GitSshTestApi.GitAsync(key, work, Ct, "clone", server.SshUrl("SSHPRIV/secret.git"), Path.Combine(work, "a"));
        var missing = await GitSshTestApi.GitAsync(key, work, Ct, "clone", server.SshUrl("SSHPRIV/nothing.git"), Path.Combine(work, "b"));
        var pushHidden = await server.SshAsync(key, "git-receive-pack '/SSHPRIV/secret.git'", Ct);

        Assert.NotEqual(0, hidden.ExitCode);
        Assert.Contains("Repository SSHPRIV/secret does not exist.", hidden.StandardError);
        Assert.Equal(WithoutCloningLine(hidden.StandardError).Replace("secret", "nothing"), WithoutCloningLine(missing.StandardError));
        Assert.False(Directory.Exists(Path.Combine(work, "a", ".git")));
        Assert.Equal(1, pushHidden.ExitCode);
        Assert.Equal("", pushHidden.Stdout);
        Assert.Equal("Repository SSHPRIV/secret does not exist.\n", pushHidden.Stderr);
    }

    [Theory]
    [AllDatabases]
    public async Task A_key_deleted_through_rest_or_expired_is_refused_on_the_next_connection(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateUserAsync("sshrevoked", Ct);
        await server.CreateRepositoryAsync("SSHREV", "kept", Ct);
        await server.GrantRepositoryAsync("SSHREV", "kept", "sshrevoked", "REPO_READ", Ct);
        using var deleted = await SshClientKey.CreateAsync(server, Ct);
        using var expired = await SshClientKey.CreateAsync(server, Ct);
        var deletedId = await deleted.AddForAsync(server, "sshrevoked", Ct);
        var expiredId = await expired.AddForAsync(server, "sshrevoked", Ct);
        const string command = "git-upload-pack '/SSHREV/kept.git'";
        Assert.Equal(0, (await server.SshAsync(deleted, command, Ct)).ExitCode);
        Assert.Equal(0, (await server.SshAsync(expired, command, Ct)).ExitCode);
        Assert.NotNull(await server.WithDatabaseAsync(db => db.SshKeys.Where(k => k.Id == deletedId).Select(k => k.LastAuthenticated).SingleAsync(Ct)));

        using (var user = server.Client("sshrevoked"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/rest/ssh/1.0/keys/{deletedId}", Ct)).StatusCode);
        }

        await server.WithDatabaseAsync(db => db.SshKeys.Where(k => k.Id == expiredId)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiryDate, DateTimeOffset.UnixEpoch.ToUnixTimeMilliseconds() + 1), Ct));

        var afterDelete = await server.SshAsync(deleted, command, Ct);
        var afterExpiry = await server.SshAsync(expired, command, Ct);
        Assert.Equal(255, afterDelete.ExitCode);
        Assert.Contains("Permission denied (publickey)", afterDelete.Stderr);
        Assert.Equal(255, afterExpiry.ExitCode);
        Assert.Contains("Permission denied (publickey)", afterExpiry.Stderr);
    }

    [Theory]
    [AllDatabases]
    public async Task A_read_only_access_key_cannot_push_and_a_read_write_one_can_on_its_repository_only(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var id = await server.CreateRepositoryAsync("SSHAK", "deploy", Ct);
        await server.CreateRepositoryAsync("SSHAK", "elsewhere", Ct);
        var head = "";
        await server.PushDirectAsync(id, async tree => head = await tree.CommitAsync("base", Ct), Ct, "main");
        using var reader = await SshClientKey.CreateAsync(server, Ct);
        using var writer = await SshClientKey.CreateAsync(server, Ct);
        using var admin = server.AdminClient();
        foreach (var (key, permission) in new[] { (reader, "REPO_READ"), (writer, "REPO_WRITE") })
        {
            await (await admin.PostAsJsonAsync("/rest/keys/1.0/projects/SSHAK/repos/deploy/ssh", new { key = new { text = key.PublicLine }, permission }, Ct))
                .ExpectAsync(HttpStatusCode.Created, Ct);
        }

        var work = Directory.CreateTempSubdirectory("githost-ssh-ak-").FullName;
        var clone = Path.Combine(work, "clone");
        Assert.Equal(0, (await GitSshTestApi.GitAsync(reader, work, Ct, "clone", server.SshUrl("SSHAK/deploy.git"), clone)).ExitCode);
        await GitCli.RunAsync(clone, ["commit", "-q", "--allow-empty", "-m", "ci"], Ct);

        var refused = await GitSshTestApi.GitAsync(reader, clone, Ct, "push", "origin", "HEAD:main");
        var refsAfterRefusal = await server.RefsOnDiskAsync(id, Ct);
        var otherRepository = await GitSshTestApi.GitAsync(writer, work, Ct, "ls-remote", server.SshUrl("SSHAK/elsewhere.git"));
        var accepted = await GitSshTestApi.GitAsync(writer, clone, Ct, "push", "origin", "HEAD:main");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("You have read-only access to SSHAK/deploy and cannot push to it.", refused.StandardError);
        Assert.Equal($"{head} refs/heads/main\n", refsAfterRefusal);
        Assert.NotEqual(0, otherRepository.ExitCode);
        Assert.Contains("Repository SSHAK/elsewhere does not exist.", otherRepository.StandardError);
        Assert.True(accepted.ExitCode == 0, accepted.StandardError);
        var pushed = (await GitCli.RunAsync(clone, ["rev-parse", "HEAD"], Ct)).StandardOutput.Trim();
        Assert.Equal($"{pushed} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
        Assert.Single(await server.RefsChangedEventsAsync("deploy", id));
    }

    private static string WithoutCloningLine(string stderr) =>
        string.Join('\n', stderr.Split('\n').Where(l => !l.StartsWith("Cloning into", StringComparison.Ordinal)));
}
