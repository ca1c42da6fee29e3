namespace GitHost.Ssh.Crypto;

/// <summary>A server host key: its SSH public key blob and a signer producing SSH signature blobs (RFC 4253 §6.6).</summary>
internal interface IHostKey
{
    string Algorithm { get; }

    byte[] PublicKeyBlob { get; }

    byte[] Sign(ReadOnlySpan<byte> data);
}
