using System.Security.Cryptography;
using GitHost.Ssh.Protocol;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace GitHost.Ssh.Crypto;

/// <summary>
/// curve25519-sha256 (RFC 8731): X25519 from BouncyCastle. The 32-byte shared secret is read as a
/// big-endian unsigned number and hashed as an mpint; an all-zero result (a low-order client point)
/// aborts the exchange as the RFC requires.
/// </summary>
internal sealed class Curve25519KeyAgreement : IKeyAgreement
{
    public HashAlgorithmName Hash => HashAlgorithmName.SHA256;

    public (byte[] ServerPublic, byte[] SharedSecret) Agree(ReadOnlySpan<byte> clientPublic)
    {
        if (clientPublic.Length != X25519PublicKeyParameters.KeySize)
        {
            throw new SshProtocolException(SshDisconnectReason.KeyExchangeFailed, "The client's curve25519 public key is not 32 bytes.");
        }

        var ephemeral = new X25519PrivateKeyParameters(new SecureRandom());
        var secret = new byte[32];
        ephemeral.GenerateSecret(new X25519PublicKeyParameters(clientPublic), secret);
        if (secret.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            throw new SshProtocolException(SshDisconnectReason.KeyExchangeFailed, "The curve25519 shared secret is zero.");
        }

        return (ephemeral.GeneratePublicKey().GetEncoded(), secret);
    }
}
