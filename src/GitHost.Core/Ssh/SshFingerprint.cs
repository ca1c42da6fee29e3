using System.Security.Cryptography;

namespace GitHost.Core.Ssh;

/// <summary>
/// OpenSSH's SHA-256 key fingerprint, the form <c>ssh-keygen -lf key.pub</c> prints:
/// <c>SHA256:</c> and the unpadded base64 of the SHA-256 of the key blob. The REST door and the SSH
/// server both use it, so a key found by one is the key stored by the other.
/// </summary>
public static class SshFingerprint
{
    public const string Prefix = "SHA256:";

    /// <example><c>Sha256(blob)</c> → <c>SHA256:Cbg38r+gDCiNHqBk6Y1BKO+EvufFBqhFWIEXh8oq9MI</c></example>
    public static string Sha256(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return Prefix + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }
}
