namespace GitHost.Server.GitSsh;

/// <summary>Bitbucket's <c>RestSshSettings</c> (<c>GET /rest/ssh/1.0/settings</c>).</summary>
/// <remarks>
/// <c>hostKeys</c> is GitHost's addition: every host key with its OpenSSH public key line, so admins
/// can publish all fingerprints and build a known_hosts file; Bitbucket clients ignore it.
/// </remarks>
internal sealed record RestSshSettings(
    bool Enabled, int? Port, string? BaseUrl, bool AccessKeysEnabled, RestSshKeyFingerprint? Fingerprint, IReadOnlyList<RestSshHostKey>? HostKeys);

/// <summary>Bitbucket's <c>SimpleSshKeyFingerprint</c>: e.g. <c>{"algorithm":"ssh-ed25519","value":"SHA256:…"}</c>.</summary>
internal sealed record RestSshKeyFingerprint(string Algorithm, string Value);

/// <summary>One host key: algorithm, <c>SHA256:</c> fingerprint and the public key line (<c>ssh-ed25519 AAAA…</c>).</summary>
internal sealed record RestSshHostKey(string Algorithm, string Fingerprint, string PublicKey);
