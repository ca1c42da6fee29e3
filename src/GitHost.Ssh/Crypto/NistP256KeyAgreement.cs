using System.Security.Cryptography;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Crypto;

/// <summary>ecdh-sha2-nistp256 (RFC 5656): the platform's ECDH; points travel uncompressed (0x04 || X || Y) and the shared secret is the X coordinate.</summary>
internal sealed class NistP256KeyAgreement : IKeyAgreement
{
    public HashAlgorithmName Hash => HashAlgorithmName.SHA256;

    public (byte[] ServerPublic, byte[] SharedSecret) Agree(ReadOnlySpan<byte> clientPublic)
    {
        if (clientPublic.Length != 65 || clientPublic[0] != 0x04)
        {
            throw new SshProtocolException(SshDisconnectReason.KeyExchangeFailed, "The client's nistp256 public key is not an uncompressed point.");
        }

        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            using var client = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = clientPublic[1..33].ToArray(), Y = clientPublic[33..].ToArray() },
            });
            var secret = ephemeral.DeriveRawSecretAgreement(client.PublicKey);
            var q = ephemeral.ExportParameters(false).Q;
            return ([0x04, .. q.X!, .. q.Y!], secret);
        }
        catch (CryptographicException)
        {
            throw new SshProtocolException(SshDisconnectReason.KeyExchangeFailed, "The client's nistp256 public key is not a point on the curve.");
        }
    }
}
