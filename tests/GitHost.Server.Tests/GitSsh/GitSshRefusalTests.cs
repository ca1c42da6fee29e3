using System.Diagnostics;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Renci.SshNet;
using Xunit;

namespace GitHost.Server.Tests.GitSsh;

/// <summary>What the SSH door refuses (and that nothing runs when it does), a second client, and a client that vanishes mid-push.</summary>
public sealed class GitSshRefusalTests(SshServerPerProvider servers) : IClassFixture<SshServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shell_and_port_forwarding_are_refused_with_a_message()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("sshshell", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, "sshshell", Ct);

        var shell = await server.SshAsync(key, null, Ct, "-T");
        var forward = await server.SshAsync(key, null, Ct, "-W", "127.0.0.1:7990");

        Assert.Equal(1, shell.ExitCode);
        Assert.Contains("Hi sshshell! GitHost does not provide shell access", shell.Stderr);
        Assert.NotEqual(0, forward.ExitCode);
        Assert.Contains("administratively prohibited", forward.Stderr);
    }

    [Fact]
    public async Task Commands_other_than_git_services_on_one_quoted_path_are_refused_and_nothing_runs()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("sshhostile", Ct);
        var id = await server.CreateRepositoryAsync("SSHBAD", "target", Ct);
        await server.GrantRepositoryAsync("SSHBAD", "target", "sshhostile", "REPO_WRITE", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, "sshhostile", Ct);
        var marker = Path.Combine(key.Directory, "pwned");
        var before = server.Logs.Lines.Count;
        string[] commands =
        [
            $"touch {marker}",
            $"git-upload-pack '/SSHBAD/target.git'; touch {marker}",
            $"git-upload-pack '/SSHBAD/target.git'; touch {marker} '",
            $"git-upload-pack '/SSHBAD/target.git' '/SSHBAD/target.git'",
            "git-upload-pack /SSHBAD/target.git",
            "git-upload-pack '/SSHBAD/../../etc/passwd'",
            "git-upload-pack '../SSHBAD/target.git'",
            $"git-upload-pack '/SSHBAD/$(touch {marker})'",
            "git-upload-pack '/SSHBAD/target.git'\\''x'",
            "git-upload-pack '/SSHBAD/target.git/extra'",
            "git-upload-pack '-u/SSHBAD/target.git'",
            "git-daemon '/SSHBAD/target.git'",
            "scp -t /tmp",
        ];

        foreach (var command in commands)
        {
            var result = await server.SshAsync(key, command, Ct);
            Assert.True(result.ExitCode == 1, $"{command}: exit {result.ExitCode} {result.Stderr}");
            Assert.Equal("", result.Stdout);
            Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
            Assert.True(result.Stderr.Contains("GitHost runs only git over SSH", StringComparison.Ordinal)
                || result.Stderr.Contains("is not a repository path", StringComparison.Ordinal)
                || result.Stderr.Contains("expects one repository path in single quotes", StringComparison.Ordinal), $"{command}: {result.Stderr}");
        }

        Assert.False(File.Exists(marker));
        Assert.DoesNotContain(server.Logs.Lines.Skip(before), l => l.Contains("git upload-pack", StringComparison.Ordinal));
        Assert.Equal("", await server.RefsOnDiskAsync(id, Ct));
    }

    [Fact]
    public async Task Ssh_net_authenticates_with_a_rest_key_and_reads_the_first_advertisement_line()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("sshnet", Ct);
        var id = await server.CreateRepositoryAsync("SSHNET", "repo", Ct);
        await server.GrantRepositoryAsync("SSHNET", "repo", "sshnet", "REPO_READ", Ct);
        var head = "";
        await server.PushDirectAsync(id, async tree => head = await tree.CommitAsync("base", Ct), Ct, "main");
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, "sshnet", Ct);
        var hostKeys = server.SshKnownHosts.Select(l => l.Split(' ')[2]).ToHashSet();
        var trusted = false;

        using (var privateKey = new PrivateKeyFile(key.PrivateKeyPath))
        using (var client = new SshClient(new ConnectionInfo("127.0.0.1", server.SshPort, "git", new PrivateKeyAuthenticationMethod("git", privateKey))))
        {
            client.HostKeyReceived += (_, e) => e.CanTrust = trusted = hostKeys.Contains(Convert.ToBase64String(e.HostKey));
            await client.ConnectAsync(Ct);
            using var command = client.CreateCommand("git-upload-pack '/SSHNET/repo.git'");
            var running = command.ExecuteAsync(Ct);
            var length = Encoding.ASCII.GetString(await ReadExactlyAsync(command.OutputStream, 4));
            var line = Encoding.UTF8.GetString(await ReadExactlyAsync(command.OutputStream, Convert.ToInt32(length, 16) - 4));

            Assert.True(trusted);
            Assert.StartsWith($"{head} HEAD\0", line);
            Assert.Contains("symref=HEAD:refs/heads/main", line);
            client.Disconnect();
            _ = running.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Assert.Empty(await server.WaitForNoServerSshGitAsync(id, Ct));
    }

    [Fact]
    public async Task A_client_killed_mid_push_leaves_refs_unchanged_no_lock_files_and_no_git_process()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await server.CreateUserAsync("sshkilled", Ct);
        var id = await server.CreateRepositoryAsync("SSHKILL", "big", Ct);
        await server.GrantRepositoryAsync("SSHKILL", "big", "sshkilled", "REPO_WRITE", Ct);
        var head = "";
        await server.PushDirectAsync(id, async tree => head = await tree.CommitAsync("base", Ct), Ct, "main");
        using var key = await SshClientKey.CreateAsync(server, Ct);
        await key.AddForAsync(server, "sshkilled", Ct);
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.GitAsync(Ct, "pull", "-q", server.RepositoryPath(id), "main");
        await tree.WriteAsync("random.bin", System.Security.Cryptography.RandomNumberGenerator.GetBytes(48 * 1024 * 1024));
        await tree.CommitAsync("big", Ct);

        using var push = StartGit(tree.Path, key, "push", server.SshUrl("SSHKILL/big.git"), "HEAD:main");
        var waited = Stopwatch.StartNew();
        while (!Directory.EnumerateDirectories(Path.Combine(server.RepositoryPath(id), "objects"), "*incoming*").Any()
            && !push.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(10, Ct);
        }

        Assert.False(push.HasExited, "the push finished before it could be interrupted");
        push.Kill(entireProcessTree: true);
        await push.WaitForExitAsync(Ct);

        Assert.Empty(await server.WaitForNoServerSshGitAsync(id, Ct));
        Assert.Equal($"{head} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
        Assert.Empty(server.LockFiles(id));
    }

    private static Process StartGit(string directory, SshClientKey key, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_SSH_COMMAND"] = key.SshCommand;
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(Ct);
        _ = process.StandardOutput.ReadToEndAsync(Ct);
        return process;
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, Ct);
        return buffer;
    }
}
