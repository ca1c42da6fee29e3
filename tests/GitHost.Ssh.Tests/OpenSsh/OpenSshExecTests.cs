using System.Security.Cryptography;
using GitHost.Ssh.Tests.Support;

namespace GitHost.Ssh.Tests.OpenSsh;

/// <summary>The real OpenSSH client against the server: exec, streams, exit status, and every algorithm forced one by one.</summary>
public sealed class OpenSshExecTests(SharedSshServer fixture) : IClassFixture<SharedSshServer>
{
    private RunningSshServer Server => fixture.Server;

    [Fact]
    public async Task Exec_runs_the_command_as_the_key_owner()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "alice", ct);

        var result = await Server.SshAsync(key, [], "echo-args hello world", ct);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("alice:hello world\n", result.StdoutText);
    }

    [Fact]
    public async Task The_command_sees_the_clients_address()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "alice", ct);

        // -b: the client binds another loopback address, so the answer cannot be a default.
        var result = await Server.SshAsync(key, ["-b", "127.0.0.5"], "client-address", ct);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("127.0.0.5\n", result.StdoutText);
    }

    [Fact]
    public async Task Exit_status_and_stderr_reach_the_client()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "bob", ct);

        var result = await Server.SshAsync(key, [], "fail 42 something broke", ct);

        Assert.Equal(42, result.ExitCode);
        Assert.Contains("something broke", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Several_megabytes_of_stdin_come_back_intact_through_both_windows()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "carol", ct);
        var data = RandomNumberGenerator.GetBytes(6 * 1024 * 1024);

        var result = await Server.SshAsync(key, [], "cat", ct, data);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(result.Stdout));
    }

    [Fact]
    public async Task Client_initiated_rekeying_keeps_the_stream_intact()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "dave", ct);
        var data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);

        var result = await Server.SshAsync(key, ["-o", "RekeyLimit=256K"], "cat", ct, data);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(result.Stdout));
    }

    [Fact]
    public async Task Server_initiated_rekeying_keeps_the_stream_intact()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningSshServer.StartAsync(ct, o => o.RekeyAfterBytes = 1024 * 1024);
        var key = await server.RegisteredKeyAsync("ed25519", "ivan", ct);
        var data = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);

        var result = await server.SshAsync(key, ["-vv"], "cat", ct, data);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(result.Stdout));
        Assert.Contains("re-keys", server.ServerLog);
    }

    [Theory]
    [InlineData("KexAlgorithms", "curve25519-sha256")]
    [InlineData("KexAlgorithms", "curve25519-sha256@libssh.org")]
    [InlineData("KexAlgorithms", "ecdh-sha2-nistp256")]
    [InlineData("Ciphers", "aes256-gcm@openssh.com")]
    [InlineData("Ciphers", "chacha20-poly1305@openssh.com")]
    [InlineData("Ciphers", "aes128-ctr", "MACs", "hmac-sha2-256-etm@openssh.com")]
    [InlineData("Ciphers", "aes256-ctr", "MACs", "hmac-sha2-512-etm@openssh.com")]
    [InlineData("HostKeyAlgorithms", "ssh-ed25519")]
    [InlineData("HostKeyAlgorithms", "ecdsa-sha2-nistp256")]
    public async Task Each_algorithm_works_when_forced(string option, string value, string? option2 = null, string? value2 = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "erin", ct);
        string[] options = option2 is null ? ["-o", $"{option}={value}"] : ["-o", $"{option}={value}", "-o", $"{option2}={value2}"];
        var data = RandomNumberGenerator.GetBytes(300_000);

        var result = await Server.SshAsync(key, [.. options, "-v"], "cat", ct, data);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(data, result.Stdout);
        Assert.Contains(value, result.Stderr);
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256")]
    [InlineData("rsa", "rsa-sha2-256")]
    [InlineData("rsa", "rsa-sha2-512")]
    public async Task Each_user_key_signature_algorithm_authenticates(string keyType, string algorithm)
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync(keyType, "frank", ct);

        var result = await Server.SshAsync(key, ["-o", $"PubkeyAcceptedAlgorithms={algorithm}"], "echo-args ok", ct);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("frank:ok\n", result.StdoutText);
    }

    [Fact]
    public async Task Strict_kex_is_offered_and_openssh_completes_with_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "gina", ct);

        var result = await Server.SshAsync(key, ["-vv"], "echo-args strict", ct);

        Assert.True(result.ExitCode == 0, result.Stderr);
        // OpenSSH 9.2+deb12u6 offers kex-strict-c; both sides offering it makes the client enforce
        // strict ordering and sequence resets, so a successful session proves the server does too.
        Assert.Contains("kex-strict-s-v00@openssh.com", result.Stderr);
        Assert.Contains("kex-strict-c-v00@openssh.com", result.Stderr);
    }

    [Fact]
    public async Task Git_protocol_environment_is_passed_and_others_ignored()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Server.RegisteredKeyAsync("ed25519", "hank", ct);

        var result = await ProcessRunner.RunAsync(
            "ssh", Server.SshArguments(key, "-o", "SetEnv=GIT_PROTOCOL=version=2 LD_PRELOAD=/evil.so").Append("env"), ct);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("version=2\n", result.StdoutText);
    }
}
