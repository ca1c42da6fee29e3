namespace GitHost.Ssh;

/// <summary>
/// A connection that tried to authenticate and never did, as <see cref="ISshAuthenticator.SignInFailedAsync"/> hears of it.
/// </summary>
/// <param name="UserName">The SSH user name of the last request (clients of GitHost send "git").</param>
/// <param name="Fingerprints">The distinct keys offered ("SHA256:..."), the first <see cref="MaxFingerprints"/> only.</param>
/// <param name="KeysOffered">How many distinct keys were offered, also beyond the cap.</param>
/// <param name="Attempts">Requests refused (unknown key, bad signature, unsupported method).</param>
/// <param name="ClientAddress">As in <see cref="SshIdentity.ClientAddress"/>.</param>
public sealed record SshSignInFailure(string UserName, IReadOnlyList<string> Fingerprints, int KeysOffered, int Attempts, string? ClientAddress)
{
    /// <summary>A client may offer thousands of keys; the record keeps enough to recognise them.</summary>
    public const int MaxFingerprints = 10;
}
