namespace GitHost.Ssh.Hosting;

/// <summary>What an administrator needs about one host key: e.g. ("ssh-ed25519", "ssh-ed25519 AAAAC3...", "SHA256:...").</summary>
public sealed record SshHostKeyInfo(string Algorithm, string PublicKey, string Fingerprint);
