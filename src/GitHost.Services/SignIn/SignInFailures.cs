namespace GitHost.Services.SignIn;

/// <summary>
/// The failure record of one user name or one address: failures since the last lock, how many locks
/// in a row (each lasts twice as long as the one before), and the current lock's end. Guarded by its
/// own lock: updates from concurrent requests for the same name must not lose a failure.
/// </summary>
internal sealed class SignInFailures
{
    private readonly Lock _gate = new();
    private int _failures;
    private int _locks;
    private long _lastFailureMs;
    private long _lockedUntilMs;

    public long LockedUntilMs
    {
        get
        {
            lock (_gate)
            {
                return _lockedUntilMs;
            }
        }
    }

    /// <summary>Counts a failure; returns the new lock's end when this failure starts one.</summary>
    public long? Fail(long nowMs, int threshold, long firstLockMs, long maxLockMs)
    {
        lock (_gate)
        {
            // Failures spread wider apart than the longest lock are not an attack worth locking for.
            if (nowMs - _lastFailureMs > maxLockMs)
            {
                _failures = 0;
            }

            _lastFailureMs = nowMs;
            if (++_failures < threshold)
            {
                return null;
            }

            _failures = 0;
            var doublings = Math.Min(_locks++, 30);
            _lockedUntilMs = nowMs + Math.Min(maxLockMs, firstLockMs << doublings);
            return _lockedUntilMs;
        }
    }
}
