using GitHost.Ssh.Tests.Support;
using Renci.SshNet;

namespace GitHost.Ssh.Tests.SshNet;

/// <summary>SSH.NET as a second, independent client implementation.</summary>
public sealed class SshNetClientTests(SharedSshServer fixture) : IClassFixture<SharedSshServer>
{
    private RunningSshServer Server => fixture.Server;

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task Ssh_net_runs_a_command_and_sees_the_exit_status(string keyType)
    {
        var ct = TestContext.Current.CancellationToken;
        var keyPath = await Server.RegisteredKeyAsync(keyType, "netuser", ct);
        var fingerprints = Server.Server.HostKeys!.Describe().Select(k => k.Fingerprint["SHA256:".Length..]).ToHashSet();
        string? seenFingerprint = null;
        using var key = new PrivateKeyFile(keyPath);
        using var client = new SshClient(new ConnectionInfo("127.0.0.1", Server.Port, "git", new PrivateKeyAuthenticationMethod("git", key)));
        client.HostKeyReceived += (_, e) =>
        {
            seenFingerprint = e.FingerPrintSHA256;
            e.CanTrust = fingerprints.Contains(e.FingerPrintSHA256);
        };

        await client.ConnectAsync(ct);
        using var echo = client.RunCommand("echo-args from ssh.net");
        using var fail = client.RunCommand("fail 3 nope");

        Assert.Contains(seenFingerprint!, fingerprints);
        Assert.Equal("netuser:from ssh.net\n", echo.Result);
        Assert.Equal(0, echo.ExitStatus);
        Assert.Equal(3, fail.ExitStatus);
        Assert.Contains("nope", fail.Error);
    }
}
