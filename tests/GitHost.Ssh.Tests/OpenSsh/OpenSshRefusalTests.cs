using GitHost.Ssh.Tests.Support;

namespace GitHost.Ssh.Tests.OpenSsh;

/// <summary>What the server refuses, as the real OpenSSH client reports it.</summary>
public sealed class OpenSshRefusalTests(SharedSshServer fixture) : IClassFixture<SharedSshServer>
{
    private RunningSshServer Server => fixture.Server;

    [Fact]
    public async Task Unknown_key_is_denied()
    {
        var ct = TestContext.Current.CancellationToken;
        var (unknown, _) = await Server.Keys.CreateAsync("stranger", "ed25519", ct);

        var result = await Server.SshAsync(unknown, [], "echo-args hi", ct);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Sha1_ssh_rsa_signature_is_refused_even_for_a_registered_key()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("rsa", "legacy", ct);

        var result = await Server.SshAsync(key, ["-o", "PubkeyAcceptedAlgorithms=ssh-rsa"], "echo-args hi", ct);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.Stderr);
    }

    [Fact]
    public async Task Shell_is_refused_with_a_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "shelly", ct);

        var result = await Server.SshAsync(key, ["-T"], null, ct);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Hi shelly! GitHost does not provide shell access", result.Stderr);
    }

    [Fact]
    public async Task Forced_terminal_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "tty", ct);

        var result = await Server.SshAsync(key, ["-tt"], null, ct);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("PTY allocation request failed", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Sftp_subsystem_is_refused_with_a_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "sfty", ct);

        var result = await Server.SshAsync(key, ["-s"], "sftp", ct);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("does not provide subsystems", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Direct_tcpip_forwarding_is_prohibited()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "tunnel", ct);

        var result = await Server.SshAsync(key, ["-W", "127.0.0.1:9"], null, ct);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("administratively prohibited", result.Stderr);
        Assert.Contains("no port forwarding", result.Stderr);
    }

    [Fact]
    public async Task Remote_port_forwarding_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "reverse", ct);

        var result = await Server.SshAsync(key, ["-N", "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:0:127.0.0.1:9"], null, ct);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("remote port forwarding failed", result.Stderr);
    }

    [Fact]
    public async Task Unknown_command_is_refused_by_the_handler_on_stderr()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "curious", ct);

        var result = await Server.SshAsync(key, [], "rm -rf /", ct);

        Assert.Equal(127, result.ExitCode);
        Assert.Contains("Unknown command 'rm'", result.Stderr);
    }

    [Fact]
    public async Task Too_many_failed_keys_disconnect()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct, o => o.MaxAuthAttempts = 2);
        var keys = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            keys.Add((await server.Keys.CreateAsync($"unknown{i}", "ed25519", ct)).PrivateKeyPath);
        }

        var arguments = server.SshArguments(keys[0], "-i", keys[1], "-i", keys[2]);
        arguments.Add("echo-args hi");
        var result = await ProcessRunner.RunAsync("ssh", arguments, ct);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Too many authentication failures", result.Stderr);
    }
}
