using GitHost.Ssh.Crypto;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Auth;

/// <summary>
/// A user's public key as the client presented it: the key type ("ssh-ed25519",
/// "ecdsa-sha2-nistp256", "ssh-rsa") and the SSH wire blob. Two keys are the same key when their
/// blobs are equal; <see cref="Fingerprint"/> is what OpenSSH prints ("SHA256:...") and
/// <see cref="ToAuthorizedKeysFormat"/> the "type base64" form users paste.
/// </summary>
public sealed class SshPublicKey : IEquatable<SshPublicKey>
{
    private static readonly string[] KnownTypes = [Ed25519HostKey.Name, EcdsaP256HostKey.Name, "ssh-rsa"];

    private readonly byte[] _blob;

    private SshPublicKey(string keyType, byte[] blob)
    {
        KeyType = keyType;
        _blob = blob;
        Fingerprint = SshFingerprint.Sha256(blob);
    }

    public string KeyType { get; }

    public ReadOnlyMemory<byte> Blob => _blob;

    public string Fingerprint { get; }

    public string ToAuthorizedKeysFormat() => $"{KeyType} {Convert.ToBase64String(_blob)}";

    /// <summary>Parses a blob; the type inside must be one GitHost verifies and its fields must parse.</summary>
    public static bool TryFromBlob(ReadOnlySpan<byte> blob, out SshPublicKey? key)
    {
        key = null;
        try
        {
            var reader = new SshReader(blob);
            var type = reader.ReadString();
            if (!KnownTypes.Contains(type))
            {
                return false;
            }

            _ = UserKeyVerifier.ReadKeyFields(type, ref reader);
            reader.EnsureEnd();
            key = new SshPublicKey(type, blob.ToArray());
            return true;
        }
        catch (SshProtocolException)
        {
            return false;
        }
    }

    /// <summary>Parses an authorized_keys line such as "ssh-ed25519 AAAAC3Nza... alice@laptop" (options before the type are not accepted).</summary>
    public static bool TryParse(string line, out SshPublicKey? key)
    {
        key = null;
        var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return false;
        }

        var blob = new byte[parts[1].Length];
        if (!Convert.TryFromBase64String(parts[1], blob, out var written) || !TryFromBlob(blob.AsSpan(0, written), out key))
        {
            return false;
        }

        if (key!.KeyType != parts[0])
        {
            key = null;
            return false;
        }

        return true;
    }

    public bool Equals(SshPublicKey? other) => other is not null && _blob.AsSpan().SequenceEqual(other._blob);

    public override bool Equals(object? obj) => Equals(obj as SshPublicKey);

    public override int GetHashCode() => Fingerprint.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"{KeyType} {Fingerprint}";
}
