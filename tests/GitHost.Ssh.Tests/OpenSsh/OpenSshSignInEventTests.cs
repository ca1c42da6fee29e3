using System.Diagnostics;
using GitHost.Ssh.Auth;
using GitHost.Ssh.Tests.Support;

namespace GitHost.Ssh.Tests.OpenSsh;

/// <summary>
/// The authenticator hears of each connection's outcome once: a sign-in only after the signature verified
/// (though the key is looked up twice), a failure once per connection with the keys offered, capped.
/// Each test has its own server, so the counts are this test's alone.
/// </summary>
public sealed class OpenSshSignInEventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_verified_key_is_one_sign_in_though_it_is_looked_up_twice()
    {
        await using var server = await RunningSshServer.StartAsync(Ct);
        var key = await server.RegisteredKeyAsync("ed25519", "alice", Ct);
        var publicKey = PublicKeyOf(key);

        var result = await server.SshAsync(key, [], "echo-args hi", Ct);
        await WaitForNoConnectionsAsync(server);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(2, server.Authenticator.Lookups.Count(k => k.Equals(publicKey)));
        var (identity, signedWith) = Assert.Single(server.Authenticator.SignIns);
        Assert.Equal("alice", identity.Name);
        Assert.Equal("127.0.0.1", identity.ClientAddress);
        Assert.Equal(publicKey, signedWith);
        Assert.Empty(server.Authenticator.Failures);
    }

    [Fact]
    public async Task Unknown_keys_are_one_failure_per_connection_with_the_fingerprints_capped()
    {
        await using var server = await RunningSshServer.StartAsync(Ct, o => o.MaxAuthAttempts = 30);
        var keys = new List<string>();
        for (var i = 0; i < SshSignInFailure.MaxFingerprints + 2; i++)
        {
            keys.Add((await server.Keys.CreateAsync($"stranger{i}", "ed25519", Ct)).PrivateKeyPath);
        }

        var result = await server.SshAsync(keys[0], [.. keys.Skip(1).SelectMany(k => new[] { "-i", k })], "echo-args hi", Ct);
        await WaitForNoConnectionsAsync(server);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.Stderr);
        Assert.Empty(server.Authenticator.SignIns);
        var failure = Assert.Single(server.Authenticator.Failures);
        Assert.Equal("git", failure.UserName);
        Assert.Equal("127.0.0.1", failure.ClientAddress);
        Assert.Equal(keys.Count, failure.KeysOffered);
        Assert.Equal(keys.Count, failure.Attempts);
        Assert.Equal(keys.Take(SshSignInFailure.MaxFingerprints).Select(k => PublicKeyOf(k).Fingerprint), failure.Fingerprints);
    }

    [Fact]
    public async Task A_connection_that_never_tries_a_key_is_no_failed_sign_in()
    {
        await using var server = await RunningSshServer.StartAsync(Ct);
        var key = await server.RegisteredKeyAsync("ed25519", "nobody", Ct);

        // Host key verification fails before the client asks to authenticate at all.
        var result = await server.SshAsync(key, ["-o", "HostKeyAlias=unknown.example"], "echo-args hi", Ct);
        await WaitForNoConnectionsAsync(server);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Host key verification failed", result.Stderr);
        Assert.Empty(server.Authenticator.Lookups);
        Assert.Empty(server.Authenticator.Failures);
        Assert.Empty(server.Authenticator.SignIns);
    }

    private static SshPublicKey PublicKeyOf(string privateKeyPath) =>
        SshPublicKey.TryParse(File.ReadAllText(privateKeyPath + ".pub"), out var key) ? key! : throw new InvalidOperationException("unreadable key");

    /// <summary>A failure is reported as the server side of the connection ends, which may be just after the client exited.</summary>
    private static async Task WaitForNoConnectionsAsync(RunningSshServer server)
    {
        var elapsed = Stopwatch.StartNew();
        while (server.Server.ActiveConnections > 0 && elapsed.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20, Ct);
        }

        Assert.Equal(0, server.Server.ActiveConnections);
    }
}
