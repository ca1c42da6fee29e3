namespace GitHost.Services.SignIn;

/// <summary>
/// Where the failure records of user names and addresses live: this node's memory on one node, Redis in a
/// cluster, so that every node counts the same failures and honours the same locks.
/// </summary>
public interface ISignInFailureStore
{
    /// <summary>The end (epoch ms) of the key's current lock, 0 for none.</summary>
    ValueTask<long> LockedUntilAsync(string key);

    /// <summary>Counts a failure at <paramref name="nowMs"/>; returns the new lock's end when this failure starts one.</summary>
    ValueTask<long?> FailAsync(string key, long nowMs, SignInLockRule rule);

    /// <summary>Ends the key's record and its back-off.</summary>
    ValueTask ForgetAsync(string key);
}

/// <summary>Failures before a lock, the first lock's length, and the cap the doubling stops at.</summary>
public readonly record struct SignInLockRule(int Threshold, long FirstLockMs, long MaxLockMs)
{
    /// <summary>How long a record is kept after its last failure.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);
}
