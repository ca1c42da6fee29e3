namespace GitHost.Git.Maintenance;

public enum RepackKind
{
    None,

    /// <summary><c>git repack -d --geometric=2 --write-midx --write-bitmap-index</c>: merges the small packs only, bitmap on the multi-pack-index.</summary>
    Geometric,

    /// <summary><c>git repack --cruft --cruft-expiration=2.weeks.ago -d -b --write-bitmap-index</c>: every reachable object into one pack with a bitmap, unreachable ones into a cruft pack.</summary>
    Full,
}
