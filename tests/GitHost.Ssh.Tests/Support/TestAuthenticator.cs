using System.Collections.Concurrent;
using GitHost.Ssh.Auth;

namespace GitHost.Ssh.Tests.Support;

/// <summary>
/// Knows the keys registered with <see cref="Register"/>; the identity is the key's name. Remembers
/// every lookup and every sign-in outcome it was told of, for the tests that count them.
/// </summary>
public sealed class TestAuthenticator : ISshAuthenticator
{
    private readonly ConcurrentDictionary<SshPublicKey, string> _keys = new();

    public ConcurrentQueue<SshPublicKey> Lookups { get; } = new();

    public ConcurrentQueue<(SshIdentity Identity, SshPublicKey Key)> SignIns { get; } = new();

    public ConcurrentQueue<SshSignInFailure> Failures { get; } = new();

    public void Register(SshPublicKey key, string owner) => _keys[key] = owner;

    public Task<SshIdentity?> AuthenticateAsync(string userName, SshPublicKey key, CancellationToken cancellationToken)
    {
        Lookups.Enqueue(key);
        return Task.FromResult(_keys.TryGetValue(key, out var owner) ? new SshIdentity(owner) : null);
    }

    public Task SignedInAsync(SshIdentity identity, SshPublicKey key, CancellationToken cancellationToken)
    {
        SignIns.Enqueue((identity, key));
        return Task.CompletedTask;
    }

    public Task SignInFailedAsync(SshSignInFailure failure, CancellationToken cancellationToken)
    {
        Failures.Enqueue(failure);
        return Task.CompletedTask;
    }
}
