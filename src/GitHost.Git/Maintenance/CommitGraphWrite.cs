namespace GitHost.Git.Maintenance;

public enum CommitGraphWrite
{
    None,

    /// <summary><c>git commit-graph write --reachable --split --changed-paths</c>: a new layer, merged with small ones as git sees fit.</summary>
    Split,

    /// <summary><c>--split=replace</c>: one new layer for everything, so that Bloom filters cover the commits of old layers too.</summary>
    Replace,
}
