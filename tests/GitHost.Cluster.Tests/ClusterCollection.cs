using Xunit;

namespace GitHost.Cluster.Tests;

/// <summary>
/// Every cluster test shares one cluster and runs one after the other: each starts five processes and
/// some kill parts of it, which must not happen under another test. A test that kills a part starts it again.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "Cluster";
}
