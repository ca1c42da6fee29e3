using System.Security.Cryptography;
using GitHost.Ssh.Protocol;

namespace GitHost.Ssh.Transport;

/// <summary>
/// Key derivation of RFC 4253 §7.2: HASH(K || H || letter || session_id), extended with
/// HASH(K || H || K1 || ...) until long enough. K is the shared secret as an mpint.
/// </summary>
internal sealed class SessionKeys(HashAlgorithmName hash, byte[] sharedSecretMpint, byte[] exchangeHash, byte[] sessionId)
{
    public byte[] Derive(char letter, int length)
    {
        if (length == 0)
        {
            return [];
        }

        using var digest = IncrementalHash.CreateHash(hash);
        digest.AppendData(sharedSecretMpint);
        digest.AppendData(exchangeHash);
        digest.AppendData([(byte)letter]);
        digest.AppendData(sessionId);
        var key = new List<byte>(digest.GetHashAndReset());
        while (key.Count < length)
        {
            digest.AppendData(sharedSecretMpint);
            digest.AppendData(exchangeHash);
            digest.AppendData(key.ToArray());
            key.AddRange(digest.GetHashAndReset());
        }

        return key.Take(length).ToArray();
    }

    public static byte[] Mpint(ReadOnlySpan<byte> unsigned) => new SshWriter().WriteUnsignedMpint(unsigned).ToArray();
}
