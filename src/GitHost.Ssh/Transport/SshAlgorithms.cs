using System.Security.Cryptography;
using GitHost.Ssh.Crypto;

namespace GitHost.Ssh.Transport;

/// <summary>
/// What GitHost offers, in preference order (the client's order decides, RFC 4253 §7.1). Only
/// modern constructions: no SHA-1, no CBC, no encrypt-and-MAC, no DH groups. See docs/ssh.md.
/// </summary>
internal static class SshAlgorithms
{
    public const string StrictKexServer = "kex-strict-s-v00@openssh.com";
    public const string StrictKexClient = "kex-strict-c-v00@openssh.com";
    public const string ExtInfoClient = "ext-info-c";

    public static readonly string[] KeyExchange = ["curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256"];

    public static readonly string[] Ciphers = ["chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes256-ctr"];

    public static readonly string[] Macs = ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com"];

    public static readonly string[] Compression = ["none"];

    public static IKeyAgreement CreateKeyAgreement(string name) => name switch
    {
        "ecdh-sha2-nistp256" => new NistP256KeyAgreement(),
        _ => new Curve25519KeyAgreement(),
    };

    /// <summary>True for ciphers whose own tag authenticates the packet, so no MAC is negotiated.</summary>
    public static bool IsAead(string cipher) => cipher is "chacha20-poly1305@openssh.com" or "aes256-gcm@openssh.com";

    public static (int KeySize, int IvSize) CipherSizes(string cipher) => cipher switch
    {
        "chacha20-poly1305@openssh.com" => (64, 0),
        "aes256-gcm@openssh.com" => (32, 12),
        "aes128-ctr" => (16, 16),
        _ => (32, 16),
    };

    public static (int KeySize, HashAlgorithmName Hash) MacSizes(string? mac) => mac switch
    {
        "hmac-sha2-512-etm@openssh.com" => (64, HashAlgorithmName.SHA512),
        "hmac-sha2-256-etm@openssh.com" => (32, HashAlgorithmName.SHA256),
        _ => (0, default),
    };

    public static IPacketCipher CreateCipher(string cipher, string? mac, byte[] key, byte[] iv, byte[] macKey) => cipher switch
    {
        "chacha20-poly1305@openssh.com" => new ChaCha20Poly1305Cipher(key),
        "aes256-gcm@openssh.com" => new AesGcmCipher(key, iv),
        _ => new AesCtrEtmCipher(key, iv, macKey, MacSizes(mac).Hash, MacSizes(mac).KeySize),
    };
}
