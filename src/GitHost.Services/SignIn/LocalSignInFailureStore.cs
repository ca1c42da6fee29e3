using Microsoft.Extensions.Caching.Memory;

namespace GitHost.Services.SignIn;

/// <summary>
/// Failure records in this node's memory (bounded; forgotten a day after the last failure): a restart
/// forgets them. Alone on one node; in a cluster, the fallback while Redis cannot be reached.
/// </summary>
public sealed class LocalSignInFailureStore : ISignInFailureStore, IDisposable
{
    private const int MaxRecords = 100_000;

    private readonly MemoryCache _records = new(new MemoryCacheOptions { SizeLimit = MaxRecords });

    public ValueTask<long> LockedUntilAsync(string key) =>
        ValueTask.FromResult(_records.TryGetValue(key, out SignInFailures? record) ? record!.LockedUntilMs : 0);

    public ValueTask<long?> FailAsync(string key, long nowMs, SignInLockRule rule)
    {
        var record = _records.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = SignInLockRule.ForgetAfter;
            return new SignInFailures();
        })!;
        return ValueTask.FromResult(record.Fail(nowMs, rule.Threshold, rule.FirstLockMs, rule.MaxLockMs));
    }

    public ValueTask ForgetAsync(string key)
    {
        _records.Remove(key);
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _records.Dispose();
}
