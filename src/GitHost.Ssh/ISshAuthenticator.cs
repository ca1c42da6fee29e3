using GitHost.Ssh.Auth;

namespace GitHost.Ssh;

/// <summary>
/// The seam that maps a public key to a GitHost user. Called twice per successful login: once for
/// the client's "may I use this key?" query (no signature yet) and once after the transport has
/// verified the client's signature with the key, so the answer must not depend on the call. The
/// key's possession is proven by the transport; this only decides whom the key belongs to.
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
}
