namespace GitHost.Server.Auth;

/// <summary>
/// When a change may have ended sessions on this node (a sign-out, a password change, a user
/// disabled or deleted), every browser session is checked against the database at its next request
/// instead of at its next periodic check, so the change takes effect at once.
/// </summary>
internal sealed class SessionRecheck(TimeProvider time)
{
    private long _demandedAtTicks;

    public long DemandedAtTicks => Interlocked.Read(ref _demandedAtTicks);

    public void Demand() => Interlocked.Exchange(ref _demandedAtTicks, time.GetUtcNow().UtcTicks);
}
