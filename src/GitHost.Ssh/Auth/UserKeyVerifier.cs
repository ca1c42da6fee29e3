using System.Security.Cryptography;
using GitHost.Ssh.Crypto;
using GitHost.Ssh.Protocol;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace GitHost.Ssh.Auth;

/// <summary>
/// Verifies a user's signature in publickey authentication (RFC 4252 §7) for ssh-ed25519,
/// ecdsa-sha2-nistp256 and rsa-sha2-256/512 (RFC 8332). The SHA-1 "ssh-rsa" signature algorithm is
/// refused (OpenSSH disabled it in 8.8), as are RSA keys under 2048 bits.
/// </summary>
internal static class UserKeyVerifier
{
    public const int MinimumRsaBits = 2048;

    /// <summary>Signature algorithms accepted, in server-sig-algs order.</summary>
    public static readonly string[] SignatureAlgorithms = [Ed25519HostKey.Name, EcdsaP256HostKey.Name, "rsa-sha2-512", "rsa-sha2-256"];

    /// <summary>The key type a signature algorithm belongs to, or null for an algorithm GitHost refuses.</summary>
    public static string? KeyTypeOf(string signatureAlgorithm) => signatureAlgorithm switch
    {
        Ed25519HostKey.Name => Ed25519HostKey.Name,
        EcdsaP256HostKey.Name => EcdsaP256HostKey.Name,
        "rsa-sha2-256" or "rsa-sha2-512" => "ssh-rsa",
        _ => null,
    };

    /// <summary>Reads the fields after the type name; returns them raw (ed25519: key; ecdsa: Q; rsa: e, n).</summary>
    public static byte[][] ReadKeyFields(string type, ref SshReader reader)
    {
        switch (type)
        {
            case Ed25519HostKey.Name:
                var ed = reader.ReadBinaryArray();
                Require(ed.Length == 32, "an ssh-ed25519 key is not 32 bytes");
                return [ed];
            case EcdsaP256HostKey.Name:
                Require(reader.ReadString() == "nistp256", "an ecdsa key names another curve");
                var q = reader.ReadBinaryArray();
                Require(q.Length == 65 && q[0] == 0x04, "an ecdsa key is not an uncompressed nistp256 point");
                return [q];
            case "ssh-rsa":
                var e = reader.ReadUnsignedMpint().ToArray();
                var n = reader.ReadUnsignedMpint().ToArray();
                Require(n.Length * 8 >= MinimumRsaBits && n.Length <= 2048 && e.Length is > 0 and <= 8, $"an RSA key is outside {MinimumRsaBits}-16384 bits");
                return [e, n];
            default:
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"Unsupported key type '{type}'.");
        }
    }

    public static bool Verify(string signatureAlgorithm, SshPublicKey key, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signatureBlob)
    {
        try
        {
            var keyReader = new SshReader(key.Blob.Span);
            var type = keyReader.ReadString();
            var fields = ReadKeyFields(type, ref keyReader);
            var sigReader = new SshReader(signatureBlob);
            if (sigReader.ReadString() != signatureAlgorithm || KeyTypeOf(signatureAlgorithm) != type)
            {
                return false;
            }

            var signature = sigReader.ReadBinary();
            sigReader.EnsureEnd();
            return signatureAlgorithm switch
            {
                Ed25519HostKey.Name => VerifyEd25519(fields[0], signedData, signature),
                EcdsaP256HostKey.Name => VerifyEcdsa(fields[0], signedData, signature),
                "rsa-sha2-256" => VerifyRsa(fields, signedData, signature, HashAlgorithmName.SHA256),
                "rsa-sha2-512" => VerifyRsa(fields, signedData, signature, HashAlgorithmName.SHA512),
                _ => false,
            };
        }
        catch (Exception exception) when (exception is SshProtocolException or CryptographicException)
        {
            return false;
        }
    }

    private static bool VerifyEd25519(byte[] publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature.ToArray());
    }

    private static bool VerifyEcdsa(byte[] q, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var reader = new SshReader(signature);
        var r = reader.ReadUnsignedMpint();
        var s = reader.ReadUnsignedMpint();
        reader.EnsureEnd();
        if (r.Length > 32 || s.Length > 32)
        {
            return false;
        }

        var rs = new byte[64];
        r.CopyTo(rs.AsSpan(32 - r.Length));
        s.CopyTo(rs.AsSpan(64 - s.Length));
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = q[1..33], Y = q[33..] },
        });
        return ecdsa.VerifyData(data, rs, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool VerifyRsa(byte[][] fields, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        var modulus = fields[1];
        if (signature.Length > modulus.Length)
        {
            return false;
        }

        // Some clients drop leading zero bytes of the signature; RSA wants it as long as the modulus.
        var padded = new byte[modulus.Length];
        signature.CopyTo(padded.AsSpan(modulus.Length - signature.Length));
        using var rsa = RSA.Create(new RSAParameters { Exponent = fields[0], Modulus = modulus });
        return rsa.VerifyData(data, padded, hash, RSASignaturePadding.Pkcs1);
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"Malformed public key: {what}.");
        }
    }
}
