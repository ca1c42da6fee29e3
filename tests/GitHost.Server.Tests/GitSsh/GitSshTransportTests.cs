using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.Repositories;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.GitSsh;

/// <summary>
/// The real git client over the real OpenSSH client against the embedded SSH server, with a key the
/// user added through REST: clone, fetch, push and ls-remote in wire protocol v0 and v2.
/// </summary>
public sealed class GitSshTransportTests(SshServerPerProvider servers) : IClassFixture<SshServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Clone_fetch_push_and_ls_remote_work_with_a_key_added_through_rest_in_both_protocol_versions(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        foreach (var version in new[] { "0", "2" })
        {
            var user = $"sshdev{version}";
            var slug = $"app-v{version}";
            await server.CreateUserAsync(user, Ct);
            var id = await server.CreateRepositoryAsync("SSHT", slug, Ct);
            await server.GrantRepositoryAsync("SSHT", slug, user, "REPO_WRITE", Ct);
            var first = "";
            await server.PushDirectAsync(id, async tree =>
            {
                await tree.WriteAsync("README.md", "hello over ssh\n");
                first = await tree.CommitAsync("first", Ct);
            }, Ct, "main");
            using var key = await SshClientKey.CreateAsync(server, Ct);
            await key.AddForAsync(server, user, Ct);
            var url = server.SshUrl($"SSHT/{slug}.git");
            var work = Directory.CreateTempSubdirectory("githost-ssh-clone-").FullName;
            var clone = Path.Combine(work, "clone");
            string[] protocol = ["-c", $"protocol.version={version}"];

            var cloned = await GitSshTestApi.GitAsync(key, work, Ct, [.. protocol, "clone", url, clone]);

            Assert.True(cloned.ExitCode == 0, cloned.StandardError);
            Assert.Equal("hello over ssh\n", await File.ReadAllTextAsync(Path.Combine(clone, "README.md"), Ct));
            var listed = await GitSshTestApi.GitAsync(key, clone, Ct, [.. protocol, "ls-remote", url]);
            Assert.Contains($"{first}\trefs/heads/main", listed.StandardOutput);

            await File.WriteAllTextAsync(Path.Combine(clone, "second.txt"), new string('x', 100_000), Ct);
            await GitCli.RunAsync(clone, ["add", "second.txt"], Ct);
            await GitCli.RunAsync(clone, ["commit", "-q", "-m", "second"], Ct);
            var second = (await GitCli.RunAsync(clone, ["rev-parse", "HEAD"], Ct)).StandardOutput.Trim();
            var pushed = await GitSshTestApi.GitAsync(key, clone, Ct, [.. protocol, "push", "origin", "main"]);
            Assert.True(pushed.ExitCode == 0, pushed.StandardError);
            Assert.Contains($"{second} refs/heads/main", await server.RefsOnDiskAsync(id, Ct));

            await server.PushDirectAsync(id, async tree =>
            {
                await tree.WriteAsync("other.txt", "elsewhere\n");
                await tree.CommitAsync("third", Ct);
            }, Ct, "HEAD:refs/heads/other");
            var fetched = await GitSshTestApi.GitAsync(key, clone, Ct, [.. protocol, "fetch", "origin"]);
            Assert.True(fetched.ExitCode == 0, fetched.StandardError);
            Assert.Equal(0, (await GitCli.RunAsync(clone, ["rev-parse", "--verify", "refs/remotes/origin/other"], Ct)).ExitCode);
            Assert.Empty(await server.WaitForNoServerSshGitAsync(id, Ct));
        }
    }

    [Theory]
    [AllDatabases]
    public async Task Push_over_ssh_runs_the_hooks_writes_one_refs_changed_event_and_prints_the_pull_request_link(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var user = "sshpusher";
        await server.CreateUserAsync(user, Ct);
        var id = await server.CreateRepositoryAsync("SSHEV", "events", Ct);
        await server.GrantRepositoryAsync("SSHEV", "events", user, "REPO_WRITE", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, user, Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.CommitAsync("one", Ct);
        var url = server.SshUrl("SSHEV/events.git");
        Assert.Equal(0, (await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", url, "main")).ExitCode);
        var before = await server.RefsChangedEventsAsync("events", id);

        var pushed = await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", url, "HEAD:refs/heads/feature", "HEAD:refs/pull-requests/1/from");
        Assert.NotEqual(0, pushed.ExitCode);
        Assert.Contains("remote: refs/pull-requests/1/from: refs under refs/pull-requests/ are managed by GitHost", pushed.StandardError);
        var created = await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", url, "HEAD:refs/heads/feature");

        Assert.True(created.ExitCode == 0, created.StandardError);
        Assert.Contains("remote: Create pull request for feature:", created.StandardError);
        Assert.Contains("/projects/SSHEV/repos/events/pull-requests?create&sourceBranch=refs%2Fheads%2Ffeature", created.StandardError);
        var events = (await server.RefsChangedEventsAsync("events", id)).Skip(before.Count).ToList();
        var payload = JsonDocument.Parse(Assert.Single(events)).RootElement;
        Assert.Equal(user, payload.GetProperty("actor").GetProperty("name").GetString());
        var change = Assert.Single(payload.GetProperty("changes").EnumerateArray().ToList());
        Assert.Equal("refs/heads/feature", change.GetProperty("refId").GetString());
        Assert.Equal("ADD", change.GetProperty("type").GetString());
        Assert.Equal(2, before.Count + events.Count);
    }

    [Fact]
    public async Task Personal_repositories_and_paths_without_a_leading_slash_or_dot_git_resolve_with_the_key_in_any_case()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var owner = "sshowner";
        await server.CreateUserAsync(owner, Ct);
        using var ownerClient = server.Client(owner);
        await ownerClient.CreateRepoAsync("~" + owner, "dots", Ct);
        var casedId = await server.CreateRepositoryAsync("SSHCASE", "cased", Ct);
        var casedHead = "";
        await server.PushDirectAsync(casedId, async tree => casedHead = await tree.CommitAsync("cased", Ct), Ct, "main");
        await server.GrantRepositoryAsync("SSHCASE", "cased", owner, "REPO_READ", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, owner, Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        var head = await tree.CommitAsync("mine", Ct);
        var work = Directory.CreateTempSubdirectory("githost-ssh-paths-").FullName;

        var pushed = await GitSshTestApi.GitAsync(key, tree.Path, Ct, "push", server.SshUrl($"~{owner}/dots.git"), "main");
        // scp-like syntax has no port: the port goes into the ssh command.
        var scpLike = await GitCli.RunAsync(work, ["ls-remote", $"git@127.0.0.1:~{owner.ToUpperInvariant()}/dots"], Ct,
            new Dictionary<string, string> { ["GIT_SSH_COMMAND"] = $"{key.SshCommand} -p {server.SshPort}" });
        var withoutGit = await GitSshTestApi.GitAsync(key, work, Ct, "ls-remote", server.SshUrl("sshcase/cased"));
        var relative = await server.SshAsync(key, "git-upload-pack 'SshCase/cased.git'", Ct);

        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        Assert.True(scpLike.ExitCode == 0, scpLike.StandardError);
        Assert.Contains($"{head}\trefs/heads/main", scpLike.StandardOutput);
        Assert.True(withoutGit.ExitCode == 0, withoutGit.StandardError);
        Assert.Equal(0, relative.ExitCode);
        Assert.Contains($"{casedHead} HEAD\0", relative.Stdout);
    }

    [Fact]
    public async Task Git_archive_remote_streams_a_tar_of_a_readable_repository()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("ssharchiver", Ct);
        var id = await server.CreateRepositoryAsync("SSHARC", "tarred", Ct);
        await server.GrantRepositoryAsync("SSHARC", "tarred", "ssharchiver", "REPO_READ", Ct);
        await server.PushDirectAsync(id, async tree =>
        {
            await tree.WriteAsync("docs/guide.txt", "read me\n");
            await tree.CommitAsync("docs", Ct);
        }, Ct, "main");
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, "ssharchiver", Ct);
        var work = Directory.CreateTempSubdirectory("githost-ssh-archive-").FullName;

        var archived = await GitSshTestApi.GitAsync(key, work, Ct, "archive", "--format=tar", "-o", "out.tar", $"--remote={server.SshUrl("SSHARC/tarred.git")}", "main");
        var listing = await RunAsync("tar", "-tf", Path.Combine(work, "out.tar"));

        Assert.True(archived.ExitCode == 0, archived.StandardError);
        Assert.Contains("docs/guide.txt", listing);
    }

    [Fact]
    public async Task Clone_links_settings_and_the_startup_log_show_the_bound_port_and_the_host_key_fingerprint()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateRepositoryAsync("SSHLINK", "linked", Ct);
        using var admin = server.AdminClient();
        var fingerprint = (await RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", Path.Combine(server.DataHome, "shared", "ssh", "ssh_host_ed25519_key.pub"))).Split(' ')[1];
        var ecdsaFingerprint = (await RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", Path.Combine(server.DataHome, "shared", "ssh", "ssh_host_ecdsa_key.pub"))).Split(' ')[1];
        var ecdsaPublicKey = string.Join(' ', (await File.ReadAllTextAsync(Path.Combine(server.DataHome, "shared", "ssh", "ssh_host_ecdsa_key.pub"), Ct)).Split(' ').Take(2)).Trim();

        var repository = await admin.GetJsonAsync("/rest/api/1.0/projects/SSHLINK/repos/linked", HttpStatusCode.OK, Ct);
        var settings = await (await admin.GetAsync("/rest/ssh/1.0/settings", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var anonymous = server.Client();
        var anonymousSettings = await anonymous.GetAsync("/rest/ssh/latest/settings", Ct);

        Assert.Equal($"ssh://git@127.0.0.1:{server.SshPort}/sshlink/linked.git", repository.CloneHref("ssh"));
        Assert.True(settings.GetProperty("enabled").GetBoolean());
        Assert.Equal(server.SshPort, settings.GetProperty("port").GetInt32());
        Assert.Equal($"ssh://git@127.0.0.1:{server.SshPort}", settings.GetProperty("baseUrl").GetString());
        Assert.Equal("ssh-ed25519", settings.GetProperty("fingerprint").GetProperty("algorithm").GetString());
        Assert.Equal(fingerprint, settings.GetProperty("fingerprint").GetProperty("value").GetString());
        var hostKeys = settings.GetProperty("hostKeys").EnumerateArray().ToDictionary(k => k.GetProperty("algorithm").GetString()!);
        Assert.Equal(["ecdsa-sha2-nistp256", "ssh-ed25519"], hostKeys.Keys.Order());
        Assert.Equal(ecdsaFingerprint, hostKeys["ecdsa-sha2-nistp256"].GetProperty("fingerprint").GetString());
        Assert.StartsWith(ecdsaPublicKey, hostKeys["ecdsa-sha2-nistp256"].GetProperty("publicKey").GetString());
        await anonymousSettings.ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        Assert.True(server.Logs.Contains($"Git over SSH on ssh://git@127.0.0.1:{server.SshPort}/<PROJECT>/<repository>.git, host key ssh-ed25519 {fingerprint}"));
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return output;
    }
}
