using GitHost.Core.Permissions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Permissions;

/// <summary>
/// Per-user grants, reused for a short while. Any grant or membership change bumps the generation,
/// which makes every cached entry stale at once.
/// </summary>
public sealed class AccessGrantsCache(IMemoryCache cache, IOptions<SecurityOptions> options)
{
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public void InvalidateAll() => Interlocked.Increment(ref _generation);

    public async ValueTask<AccessGrants> GetOrLoadAsync(long userId, Func<CancellationToken, Task<AccessGrants>> load, CancellationToken cancellationToken)
    {
        var key = (nameof(AccessGrantsCache), userId, Generation);
        if (cache.TryGetValue(key, out AccessGrants? grants) && grants is not null)
        {
            return grants;
        }

        grants = await load(cancellationToken);
        cache.Set(key, grants, TimeSpan.FromSeconds(options.Value.GrantCacheSeconds));
        return grants;
    }
}
