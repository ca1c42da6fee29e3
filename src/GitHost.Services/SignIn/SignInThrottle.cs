using GitHost.Services.Common;
using GitHost.Services.Permissions;
using Microsoft.Extensions.Caching.Memory;
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
/// The records live in this node's memory (bounded; forgotten a day after the last failure), so a
/// restart forgets them and each node counts on its own.
/// </para>
/// </summary>
public sealed partial class SignInThrottle : IDisposable
{
    private const int MaxRecords = 100_000;
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    private readonly MemoryCache _records = new(new MemoryCacheOptions { SizeLimit = MaxRecords });
    private readonly IOptionsMonitor<SecurityOptions> _options;
    private readonly EpochClock _clock;
    private readonly ILogger<SignInThrottle> _logger;

    public SignInThrottle(IOptionsMonitor<SecurityOptions> options, EpochClock clock, ILogger<SignInThrottle> logger)
    {
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The lock that refuses a password sign-in for this name from this address now, if any.</summary>
    public SignInLock? Check(string userName, string? address)
    {
        var now = _clock.NowMs();
        var until = Math.Max(LockedUntil(NameKey(userName)), address is null ? 0 : LockedUntil(AddressKey(address)));
        return until > now ? new SignInLock(until) : null;
    }

    /// <summary>Counts a wrong password (or an unknown, disabled or service user name).</summary>
    public void RecordFailure(string userName, string? address)
    {
        var options = _options.CurrentValue;
        var now = _clock.NowMs();
        var firstLockMs = options.LockoutSeconds * 1000L;
        var maxLockMs = Math.Max(firstLockMs, options.MaxLockoutSeconds * 1000L);
        if (Record(NameKey(userName)).Fail(now, options.MaxFailedAccessAttempts, firstLockMs, maxLockMs) is { } nameLock)
        {
            Log.NameLocked(_logger, userName, address, nameLock);
        }

        if (address is not null && options.MaxFailedSignInsPerAddress > 0
            && Record(AddressKey(address)).Fail(now, options.MaxFailedSignInsPerAddress, firstLockMs, maxLockMs) is { } addressLock)
        {
            Log.AddressLocked(_logger, address, addressLock);
        }
    }

    /// <summary>A right password ends the name's record and its back-off; the address keeps its own.</summary>
    public void RecordSuccess(string userName) => _records.Remove(NameKey(userName));

    /// <summary>An administrator lifts the lock on a name (Bitbucket's "clear CAPTCHA").</summary>
    public void Clear(string userName) => _records.Remove(NameKey(userName));

    public void Dispose() => _records.Dispose();

    private long LockedUntil(string key) => _records.TryGetValue(key, out SignInFailures? record) ? record!.LockedUntilMs : 0;

    private SignInFailures Record(string key) => _records.GetOrCreate(key, entry =>
    {
        entry.Size = 1;
        entry.SlidingExpiration = ForgetAfter;
        return new SignInFailures();
    })!;

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
