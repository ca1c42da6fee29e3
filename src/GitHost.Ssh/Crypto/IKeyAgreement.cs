using System.Security.Cryptography;

namespace GitHost.Ssh.Crypto;

/// <summary>The ephemeral Diffie-Hellman half of an ECDH-style key exchange (RFC 5656 §4, RFC 8731).</summary>
internal interface IKeyAgreement
{
    HashAlgorithmName Hash { get; }

    /// <summary>Makes a fresh ephemeral key, agrees with the client's public value and returns the server's public value and the shared secret as an unsigned big-endian number.</summary>
    (byte[] ServerPublic, byte[] SharedSecret) Agree(ReadOnlySpan<byte> clientPublic);
}
