using GitHost.Ssh.Auth;

namespace GitHost.Ssh;

/// <summary>
/// The seam that maps a public key to a GitHost user. <see cref="AuthenticateAsync"/> is called twice
/// per successful login: once for the client's "may I use this key?" query (no signature yet) and once
/// after the transport has verified the client's signature with the key, so its answer must not depend
/// on the call and it must not record sign-ins. The outcome of a connection's authentication is told
/// once, apart: <see cref="SignedInAsync"/> after a verified signature, <see cref="SignInFailedAsync"/>
/// when the connection ends without one.
/// </summary>
/// <example>
/// Bitbucket ignores the SSH user name (clients use "git"); GitHost does the same unless the
/// implementation chooses otherwise:
/// <code>
/// public async Task&lt;SshIdentity?&gt; AuthenticateAsync(string userName, SshPublicKey key, CancellationToken ct) =>
///     await _keys.FindUserByFingerprintAsync(key.Fingerprint, ct) is { } user ? new GitHostSshIdentity(user) : null;
/// </code>
/// </example>
public interface ISshAuthenticator
{
    /// <returns>the identity the key belongs to, or null to refuse the key.</returns>
    Task<SshIdentity?> AuthenticateAsync(string userName, SshPublicKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Once per connection, after the signature by <paramref name="key"/> verified and the key was
    /// accepted, before the client learns of it; <see cref="SshIdentity.ClientAddress"/> is set. An
    /// exception refuses the sign-in (the connection closes): a sign-in that cannot be recorded does not happen.
    /// </summary>
    Task SignedInAsync(SshIdentity identity, SshPublicKey key, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Once per connection that ended (client gave up, disconnected, too many failures, timeout) without
    /// authenticating after it tried at least one method other than "none". Called after the connection
    /// closed; exceptions are logged and otherwise ignored.
    /// </summary>
    Task SignInFailedAsync(SshSignInFailure failure, CancellationToken cancellationToken) => Task.CompletedTask;
}
