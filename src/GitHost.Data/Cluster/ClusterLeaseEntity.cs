namespace GitHost.Data.Cluster;

/// <summary>
/// A named claim on work that one node at a time does (the pipeline trigger, retention jobs, a
/// repository's housekeeping). The owner renews it before it lapses; once lapsed, any node may take
/// it, and <see cref="Fence"/> grows with each change of owner so late writes of a former owner can be told apart.
/// </summary>
public sealed class ClusterLeaseEntity
{
    public string Name { get; set; } = "";

    /// <summary>The holding node's id.</summary>
    public string Owner { get; set; } = "";

    /// <summary>Epoch ms when the claim lapses unless renewed.</summary>
    public long ExpiresDate { get; set; }

    public long Fence { get; set; }
}
