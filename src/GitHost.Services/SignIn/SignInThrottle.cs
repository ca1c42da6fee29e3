using GitHost.Services.Common;
using GitHost.Services.Permissions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.SignIn;

/// <summary>
/// Slows password guessing down without letting a stranger lock a user out of git. Wrong passwords
/// are counted per user name (known or not, so that the answer never tells which names exist) and
/// per client address; past <see cref="SecurityOptions.MaxFailedAccessAttempts"/> for a name, or
/// <see cref="SecurityOptions.MaxFailedSignInsPerAddress"/> for an address, password sign-in for
/// that name or from that address is refused for <see cref="SecurityOptions.LockoutSeconds"/>,
/// doubling with each lock in a row up to <see cref="SecurityOptions.MaxLockoutSeconds"/>.
/// Only passwords are refused: SSH keys, access tokens and open browser sessions keep working, and
/// only an administrator's "disable" stops a user entirely.
/// <para>
/// The records live in an <see cref="ISignInFailureStore"/>: this node's memory (a restart forgets them),
/// or Redis in a cluster, so that every node counts the same failures.
/// </para>
/// </summary>
public sealed partial class SignInThrottle(ISignInFailureStore store, IOptionsMonitor<SecurityOptions> options, EpochClock clock, ILogger<SignInThrottle> logger)
{
    /// <summary>The lock that refuses a password sign-in for this name from this address now, if any.</summary>
    public async ValueTask<SignInLock?> CheckAsync(string userName, string? address)
    {
        var now = clock.NowMs();
        var until = Math.Max(await store.LockedUntilAsync(NameKey(userName)), address is null ? 0 : await store.LockedUntilAsync(AddressKey(address)));
        return until > now ? new SignInLock(until) : null;
    }

    /// <summary>Counts a wrong password (or an unknown, disabled or service user name).</summary>
    public async ValueTask RecordFailureAsync(string userName, string? address)
    {
        var settings = options.CurrentValue;
        var now = clock.NowMs();
        var firstLockMs = settings.LockoutSeconds * 1000L;
        var maxLockMs = Math.Max(firstLockMs, settings.MaxLockoutSeconds * 1000L);
        if (await store.FailAsync(NameKey(userName), now, new SignInLockRule(settings.MaxFailedAccessAttempts, firstLockMs, maxLockMs)) is { } nameLock)
        {
            Log.NameLocked(logger, userName, address, nameLock);
        }

        if (address is not null && settings.MaxFailedSignInsPerAddress > 0
            && await store.FailAsync(AddressKey(address), now, new SignInLockRule(settings.MaxFailedSignInsPerAddress, firstLockMs, maxLockMs)) is { } addressLock)
        {
            Log.AddressLocked(logger, address, addressLock);
        }
    }

    /// <summary>A right password ends the name's record and its back-off; the address keeps its own.</summary>
    public ValueTask RecordSuccessAsync(string userName) => store.ForgetAsync(NameKey(userName));

    /// <summary>An administrator lifts the lock on a name (Bitbucket's "clear CAPTCHA").</summary>
    public ValueTask ClearAsync(string userName) => store.ForgetAsync(NameKey(userName));

    private static string NameKey(string userName) => "name:" + userName.Trim().ToUpperInvariant();

    private static string AddressKey(string address) => "addr:" + address;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Warning,
            Message = "Password sign-in for user name {UserName} locked until {UntilMs} after repeated failures (last from {Address})")]
        public static partial void NameLocked(ILogger logger, string userName, string? address, long untilMs);

        [LoggerMessage(EventId = 1502, Level = LogLevel.Warning,
            Message = "Password sign-in from {Address} locked until {UntilMs} after repeated failures")]
        public static partial void AddressLocked(ILogger logger, string address, long untilMs);
    }
}
