using System.Security.Cryptography;
using System.Text;
using GitHost.Services.Permissions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Auth;

/// <summary>
/// Remembers credentials that verified, so git clients (which send Basic on every request) do not
/// pay for password hashing each time. Keys are an HMAC of the credential under a per-process
/// random key, so the cache never holds a password or token. Any change to passwords, users or
/// tokens bumps the generation and every cached entry stops counting.
/// </summary>
internal sealed class CredentialCache(IMemoryCache cache, IOptions<SecurityOptions> options)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public void InvalidateAll() => Interlocked.Increment(ref _generation);

    public string KeyFor(string kind, string userName, string secret)
    {
        var material = Encoding.UTF8.GetBytes(kind + "\0" + userName + "\0" + secret);
        return "cred:" + Convert.ToHexString(HMACSHA256.HashData(_key, material));
    }

    public VerifiedCredential? Get(string key) =>
        cache.TryGetValue(key, out VerifiedCredential? credential) && credential is not null && credential.Generation == Generation
            ? credential
            : null;

    public void Set(string key, VerifiedCredential credential)
    {
        if (options.Value.CredentialCacheSeconds > 0)
        {
            cache.Set(key, credential, TimeSpan.FromSeconds(options.Value.CredentialCacheSeconds));
        }
    }
}
