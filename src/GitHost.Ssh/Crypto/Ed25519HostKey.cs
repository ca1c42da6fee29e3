using GitHost.Ssh.Protocol;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace GitHost.Ssh.Crypto;

/// <summary>ssh-ed25519 (RFC 8709) host key, signing with BouncyCastle's Ed25519.</summary>
internal sealed class Ed25519HostKey(Ed25519PrivateKeyParameters key) : IHostKey
{
    public const string Name = "ssh-ed25519";

    public string Algorithm => Name;

    public byte[] PublicKeyBlob { get; } = new SshWriter().WriteString(Name).WriteBinary(key.GeneratePublicKey().GetEncoded()).ToArray();

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        signer.BlockUpdate(data);
        return new SshWriter().WriteString(Name).WriteBinary(signer.GenerateSignature()).ToArray();
    }
}
