namespace GitHost.Git.Maintenance;

public enum RepackKind
{
    None,

    /// <summary><c>git repack -d --geometric=2 --write-midx --write-bitmap-index</c>: merges the small packs only, bitmap on the multi-pack-index.</summary>
    Geometric,

    /// <summary><c>git repack -a -d -b --write-bitmap-index</c>: everything into one pack with a bitmap.</summary>
    Full,
}
