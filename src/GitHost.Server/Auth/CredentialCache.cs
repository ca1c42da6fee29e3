using System.Security.Cryptography;
using System.Text;
using GitHost.Services.Cluster;
using GitHost.Services.Permissions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Auth;

/// <summary>
/// Remembers credentials that verified, so git clients (which send Basic on every request) do not
/// pay for password hashing each time. Keys are an HMAC of the credential under a per-process
/// random key, so the cache never holds a password or token. Any change to passwords, users or
/// tokens bumps the generation and every cached entry stops counting, here and (through the cluster
/// bus) on every node. While this node cannot hear the others, nothing is taken from the cache.
/// </summary>
internal sealed class CredentialCache
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly IMemoryCache _cache;
    private readonly IOptions<SecurityOptions> _options;
    private readonly IClusterBus _bus;
    private long _generation;

    public CredentialCache(IMemoryCache cache, IOptions<SecurityOptions> options, IClusterBus bus)
    {
        _cache = cache;
        _options = options;
        _bus = bus;
        bus.Subscribe(ClusterTopics.Credentials, BumpGeneration);
    }

    public long Generation => Interlocked.Read(ref _generation);

    public void InvalidateAll()
    {
        BumpGeneration();
        _bus.Publish(ClusterTopics.Credentials);
    }

    public string KeyFor(string kind, string userName, string secret)
    {
        var material = Encoding.UTF8.GetBytes(kind + "\0" + userName + "\0" + secret);
        return "cred:" + Convert.ToHexString(HMACSHA256.HashData(_key, material));
    }

    public VerifiedCredential? Get(string key) =>
        _bus.Reliable && _cache.TryGetValue(key, out VerifiedCredential? credential) && credential is not null && credential.Generation == Generation
            ? credential
            : null;

    public void Set(string key, VerifiedCredential credential)
    {
        if (_options.Value.CredentialCacheSeconds > 0)
        {
            _cache.Set(key, credential, TimeSpan.FromSeconds(_options.Value.CredentialCacheSeconds));
        }
    }

    private void BumpGeneration() => Interlocked.Increment(ref _generation);
}
