using GitHost.Ssh.Auth;

namespace GitHost.Ssh.Tests.Support;

/// <summary>User key pairs made by the real ssh-keygen, kept in a temp directory for the fixture's life.</summary>
public sealed class UserKeys(string directory)
{
    public string Directory { get; } = directory;

    public async Task<(string PrivateKeyPath, SshPublicKey PublicKey)> CreateAsync(string name, string type, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, name);
        var bits = type == "rsa" ? new[] { "-b", "3072" } : type == "ecdsa" ? ["-b", "256"] : [];
        var result = await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", type, .. bits, "-N", "", "-C", name, "-f", path], cancellationToken);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(SshPublicKey.TryParse(await File.ReadAllTextAsync(path + ".pub", cancellationToken), out var key));
        return (path, key!);
    }
}
