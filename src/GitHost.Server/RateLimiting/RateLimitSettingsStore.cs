using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using GitHost.Services.Cluster;
using GitHost.Services.Common;
using Microsoft.Extensions.Options;

namespace GitHost.Server.RateLimiting;

/// <summary>
/// Holds the rate-limit settings in force and persists changes in the ApplicationSettings table,
/// so they survive restarts. The first request loads them; afterwards every request reads one
/// field. Until an administrator saves settings, <see cref="RateLimitOptions"/> apply.
/// </summary>
/// <remarks>
/// Changes apply at once on this node; in a cluster the others drop their copy when told over the
/// cluster bus and read the settings again at their next request.
/// </remarks>
internal sealed class RateLimitSettingsStore : IDisposable
{
    private const string DefaultsKey = "rate-limit.settings";
    private const string UserKeyPrefix = "rate-limit.user.";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<RateLimitOptions> _options;
    private readonly IClusterBus _bus;
    private volatile RateLimitSnapshot? _current;

    public RateLimitSettingsStore(IServiceScopeFactory scopes, IOptions<RateLimitOptions> options, IClusterBus bus)
    {
        _scopes = scopes;
        _options = options;
        _bus = bus;
        bus.Subscribe(ClusterTopics.RateLimitSettings, () => _current = null);
    }

    public ValueTask<RateLimitSnapshot> GetAsync(CancellationToken cancellationToken) =>
        _current is { } current ? ValueTask.FromResult(current) : new ValueTask<RateLimitSnapshot>(LoadOnceAsync(cancellationToken));

    public async Task<RateLimitSnapshot> SaveDefaultsAsync(bool enabled, RateLimitBucket bucket, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = _current ?? await LoadAsync(cancellationToken);
            await WriteAsync(DefaultsKey, JsonSerializer.Serialize(new StoredDefaults(enabled, bucket.Capacity, bucket.FillRate), Json), cancellationToken);
            _bus.Publish(ClusterTopics.RateLimitSettings);
            return _current = current with { Enabled = enabled, Default = bucket };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sets (or, with null, removes) one user's override.</summary>
    public async Task SaveUserAsync(long userId, UserRateLimit? user, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = _current ?? await LoadAsync(cancellationToken);
            var key = UserKeyPrefix + userId.ToString(CultureInfo.InvariantCulture);
            var users = current.Users.ToDictionary();
            if (user is null)
            {
                await WriteAsync(key, null, cancellationToken);
                users.Remove(userId);
            }
            else
            {
                var stored = new StoredUser(user.Whitelisted, user.Settings?.Capacity, user.Settings?.FillRate);
                await WriteAsync(key, JsonSerializer.Serialize(stored, Json), cancellationToken);
                users[userId] = user;
            }

            _bus.Publish(ClusterTopics.RateLimitSettings);
            _current = current with { Users = users.ToFrozenDictionary() };
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<RateLimitSnapshot> LoadOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _current ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RateLimitSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ApplicationSettings>().ReadAsync(DefaultsKey, UserKeyPrefix, cancellationToken);

        var configured = _options.Value;
        var enabled = configured.Enabled;
        var bucket = new RateLimitBucket(configured.Capacity, configured.FillRate);
        var users = new Dictionary<long, UserRateLimit>();
        foreach (var row in rows)
        {
            if (row.Key == DefaultsKey && JsonSerializer.Deserialize<StoredDefaults>(row.Value, Json) is { } defaults)
            {
                enabled = defaults.Enabled;
                bucket = new RateLimitBucket(defaults.Capacity, defaults.FillRate);
            }
            else if (long.TryParse(row.Key.AsSpan(UserKeyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
                && JsonSerializer.Deserialize<StoredUser>(row.Value, Json) is { } user)
            {
                users[userId] = new UserRateLimit(
                    user.Whitelisted,
                    user is { Capacity: { } capacity, FillRate: { } fillRate } ? new RateLimitBucket(capacity, fillRate) : null);
            }
        }

        return new RateLimitSnapshot(enabled, bucket, users.ToFrozenDictionary());
    }

    private async Task WriteAsync(string key, string? value, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApplicationSettings>().WriteAsync(key, value, cancellationToken);
    }

    private sealed record StoredDefaults(bool Enabled, int Capacity, int FillRate);

    private sealed record StoredUser(bool Whitelisted, int? Capacity, int? FillRate);
}
