namespace GitHost.Core.Ssh;

/// <summary>
/// A validated OpenSSH public key: its algorithm (<c>ssh-ed25519</c>, …), the wire-format blob the
/// base64 text encodes, the key size, and the comment that followed it, if any.
/// </summary>
public sealed record SshPublicKey(string Algorithm, byte[] Blob, int BitLength, string? Comment)
{
    public string Fingerprint => SshFingerprint.Sha256(Blob);

    public string Base64 => Convert.ToBase64String(Blob);

    /// <summary>Bitbucket's <c>algorithmType</c> (the names its key-type restrictions use).</summary>
    public string AlgorithmType => SshKeyAlgorithms.TypeName(Algorithm);
}
