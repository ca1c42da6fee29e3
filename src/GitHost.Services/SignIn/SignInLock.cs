namespace GitHost.Services.SignIn;

/// <summary>Password sign-in is refused until <see cref="UntilMs"/> (epoch milliseconds).</summary>
public sealed record SignInLock(long UntilMs)
{
    public int RetryAfterSeconds(long nowMs) => (int)Math.Max(1, (UntilMs - nowMs + 999) / 1000);

    /// <summary>
    /// The one text every door shows. It says the same for a known and an unknown user name, so it
    /// never tells a guesser which names exist.
    /// </summary>
    public string Message => $"Too many failed sign-ins for this user name or from this address. Password sign-in is locked until "
        + $"{DateTimeOffset.FromUnixTimeMilliseconds(UntilMs).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}. SSH keys and access tokens keep working; "
        + "an administrator can lift the lock sooner.";
}
