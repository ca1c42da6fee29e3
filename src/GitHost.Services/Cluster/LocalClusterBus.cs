namespace GitHost.Services.Cluster;

/// <summary>The embedded default: one node, nobody else to tell.</summary>
public sealed class LocalClusterBus : IClusterBus
{
    public bool Reliable => true;

    public void Publish(string topic)
    {
    }

    public void Subscribe(string topic, Action handler)
    {
    }
}
