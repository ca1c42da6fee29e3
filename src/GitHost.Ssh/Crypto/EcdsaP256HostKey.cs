using System.Security.Cryptography;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Crypto;

/// <summary>ecdsa-sha2-nistp256 (RFC 5656 §3) host key: SHA-256 over the data, signature as mpint r and mpint s.</summary>
internal sealed class EcdsaP256HostKey(ECDsa key) : IHostKey
{
    public const string Name = "ecdsa-sha2-nistp256";

    public string Algorithm => Name;

    public byte[] PublicKeyBlob { get; } = BuildBlob(key);

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signature = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var rs = new SshWriter().WriteUnsignedMpint(signature.AsSpan(0, 32)).WriteUnsignedMpint(signature.AsSpan(32, 32)).ToArray();
        return new SshWriter().WriteString(Name).WriteBinary(rs).ToArray();
    }

    private static byte[] BuildBlob(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return new SshWriter().WriteString(Name).WriteString("nistp256").WriteBinary([0x04, .. q.X!, .. q.Y!]).ToArray();
    }
}
