using System.Collections.Concurrent;
using GitHost.Ssh.Auth;

namespace GitHost.Ssh.Tests.Support;

/// <summary>Knows the keys registered with <see cref="Register"/>; the identity is the key's name.</summary>
public sealed class TestAuthenticator : ISshAuthenticator
{
    private readonly ConcurrentDictionary<SshPublicKey, string> _keys = new();

    public void Register(SshPublicKey key, string owner) => _keys[key] = owner;

    public Task<SshIdentity?> AuthenticateAsync(string userName, SshPublicKey key, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.TryGetValue(key, out var owner) ? new SshIdentity(owner) : null);
}
