namespace GitHost.Services.Cluster;

/// <summary>
/// Tells the other nodes that something changed here (a cache went stale, an event was saved). A
/// message names a topic only: receivers re-read what they need from the database, so a lost
/// message costs latency, never correctness, as long as <see cref="Reliable"/> is read.
/// </summary>
public interface IClusterBus
{
    /// <summary>
    /// Whether messages from other nodes reach this node now. While false, a cluster node cannot
    /// know what other nodes changed, so caches that could hide a revocation are bypassed.
    /// </summary>
    bool Reliable { get; }

    /// <summary>Sends <paramref name="topic"/> to every other node; this node's own subscribers are not called.</summary>
    void Publish(string topic);

    /// <summary>
    /// Calls <paramref name="handler"/> when another node publishes <paramref name="topic"/>, and also
    /// after this node was cut off from the others for a while (anything may have changed meanwhile).
    /// </summary>
    void Subscribe(string topic, Action handler);
}
