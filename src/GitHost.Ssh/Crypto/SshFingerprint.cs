using System.Security.Cryptography;

namespace GitHost.Ssh.Crypto;

/// <summary>OpenSSH's key fingerprint: "SHA256:" and the unpadded base64 of the SHA-256 of the public key blob.</summary>
public static class SshFingerprint
{
    public static string Sha256(ReadOnlySpan<byte> publicKeyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(publicKeyBlob)).TrimEnd('=');
}
