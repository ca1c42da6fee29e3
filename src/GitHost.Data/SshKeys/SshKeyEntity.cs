namespace GitHost.Data.SshKeys;

/// <summary>
/// An SSH public key. A user key has a <see cref="UserId"/>; an access key has none and is bound to
/// projects and repositories through its <see cref="AccessKeyGrantEntity"/> rows (one key may be
/// added to several). The fingerprint is unique across both kinds, so a key that authenticates
/// always means exactly one thing.
/// </summary>
public sealed class SshKeyEntity
{
    public long Id { get; set; }

    /// <summary>Owner of a user key; null for an access key.</summary>
    public long? UserId { get; set; }

    /// <summary>OpenSSH algorithm name, e.g. <c>ssh-ed25519</c>.</summary>
    public string Algorithm { get; set; } = "";

    /// <summary>The key blob in base64, as in the .pub line.</summary>
    public string PublicKey { get; set; } = "";

    public int BitLength { get; set; }

    /// <summary><c>SHA256:</c> + unpadded base64, as <c>ssh-keygen -lf</c> prints it.</summary>
    public string FingerprintSha256 { get; set; } = "";

    public string Label { get; set; } = "";

    public long CreatedDate { get; set; }

    public long? ExpiryDate { get; set; }

    public long? LastAuthenticated { get; set; }
}
