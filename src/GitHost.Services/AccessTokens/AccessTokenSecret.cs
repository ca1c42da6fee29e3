using System.Security.Cryptography;
using System.Text;

namespace GitHost.Services.AccessTokens;

/// <summary>
/// Raw tokens are 32 random bytes, base64url-encoded behind a recognisable prefix so secret
/// scanners can find leaked ones. Only their SHA-256 is stored: the secret has enough entropy that
/// a slow hash would add cost without adding safety.
/// </summary>
public static class AccessTokenSecret
{
    public const string Prefix = "GHT-";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string rawToken) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawToken)));

    /// <summary>Cheap pre-check so passwords are not looked up as tokens.</summary>
    public static bool LooksLikeToken(string candidate) =>
        candidate.StartsWith(Prefix, StringComparison.Ordinal) && candidate.Length is > 40 and < 80;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
