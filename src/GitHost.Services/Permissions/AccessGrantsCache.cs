using GitHost.Core.Permissions;
using GitHost.Services.Cluster;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Permissions;

/// <summary>
/// Per-user grants, reused for a short while. Any grant or membership change bumps the generation,
/// which makes every cached entry stale at once, here and (through the cluster bus) on every node.
/// While this node cannot hear the others, grants are read from the database each time.
/// </summary>
public sealed class AccessGrantsCache
{
    private readonly IMemoryCache _cache;
    private readonly IOptions<SecurityOptions> _options;
    private readonly IClusterBus _bus;
    private long _generation;

    public AccessGrantsCache(IMemoryCache cache, IOptions<SecurityOptions> options, IClusterBus bus)
    {
        _cache = cache;
        _options = options;
        _bus = bus;
        bus.Subscribe(ClusterTopics.Grants, BumpGeneration);
    }

    public long Generation => Interlocked.Read(ref _generation);

    public void InvalidateAll()
    {
        BumpGeneration();
        _bus.Publish(ClusterTopics.Grants);
    }

    public async ValueTask<AccessGrants> GetOrLoadAsync(long userId, Func<CancellationToken, Task<AccessGrants>> load, CancellationToken cancellationToken)
    {
        if (!_bus.Reliable)
        {
            return await load(cancellationToken);
        }

        var key = (nameof(AccessGrantsCache), userId, Generation);
        if (_cache.TryGetValue(key, out AccessGrants? grants) && grants is not null)
        {
            return grants;
        }

        grants = await load(cancellationToken);
        _cache.Set(key, grants, TimeSpan.FromSeconds(_options.Value.GrantCacheSeconds));
        return grants;
    }

    private void BumpGeneration() => Interlocked.Increment(ref _generation);
}
