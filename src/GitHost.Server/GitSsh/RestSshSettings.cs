namespace GitHost.Server.GitSsh;

/// <summary>Bitbucket's <c>RestSshSettings</c> (<c>GET /rest/ssh/1.0/settings</c>).</summary>
internal sealed record RestSshSettings(bool Enabled, int? Port, string? BaseUrl, bool AccessKeysEnabled, RestSshKeyFingerprint? Fingerprint);

/// <summary>Bitbucket's <c>SimpleSshKeyFingerprint</c>: e.g. <c>{"algorithm":"ssh-ed25519","value":"SHA256:…"}</c>.</summary>
internal sealed record RestSshKeyFingerprint(string Algorithm, string Value);
