using GitHost.Services.Cluster;

namespace GitHost.Server.Auth;

/// <summary>
/// When a change may have ended sessions on this node (a sign-out, a password change, a user
/// disabled or deleted), every browser session is checked against the database at its next request
/// instead of at its next periodic check, so the change takes effect at once, on every node of a
/// cluster. While this node cannot hear the others, every request checks its session.
/// </summary>
internal sealed class SessionRecheck
{
    private readonly TimeProvider _time;
    private readonly IClusterBus _bus;
    private long _demandedAtTicks;

    public SessionRecheck(TimeProvider time, IClusterBus bus)
    {
        _time = time;
        _bus = bus;
        bus.Subscribe(ClusterTopics.Sessions, DemandHere);
    }

    public long DemandedAtTicks => _bus.Reliable ? Interlocked.Read(ref _demandedAtTicks) : long.MaxValue;

    public void Demand()
    {
        DemandHere();
        _bus.Publish(ClusterTopics.Sessions);
    }

    private void DemandHere() => Interlocked.Exchange(ref _demandedAtTicks, _time.GetUtcNow().UtcTicks);
}
