namespace GitHost.Git.Maintenance;

/// <summary>
/// What housekeeping needs to know about a bare repository, read from the file system alone (no git
/// process), so that evaluating a repository after every push costs a few directory listings.
/// <code>
/// var facts = RepositoryFacts.Read(path, countLooseRefsUpTo: 1_001);
/// var plan = OptimizationStrategy.Decide(facts, options, time.GetUtcNow());
/// </code>
/// </summary>
public sealed record RepositoryFacts
{
    /// <summary>The file GitHost writes at the top of a bare repository after optimizing it; git ignores unknown files there.</summary>
    public const string MarkerFileName = "githost-optimized";

    /// <summary>Pack files (<c>objects/pack/pack-*.pack</c>) without a <c>.keep</c> file: the ones a repack may rewrite.</summary>
    public int Packs { get; init; }

    /// <summary>
    /// Packs with a <c>.keep</c> file. receive-pack keeps a pushed pack while it checks and lands the push;
    /// one left by a killed process stays kept. repack leaves them alone, so they do not count as packs to merge.
    /// </summary>
    public int KeptPacks { get; init; }

    /// <summary>Bytes in all packs, kept ones included.</summary>
    public long PackedBytes { get; init; }

    public long LargestPackBytes { get; init; }

    /// <summary>Sizes of the packs that are not kept, largest first: enough to tell a geometric progression.</summary>
    public IReadOnlyList<long> PackSizes { get; init; } = [];

    /// <summary>When the newest pack was written, or null without packs.</summary>
    public DateTimeOffset? NewestPackTime { get; init; }

    /// <summary>A reachability bitmap of one pack (<c>pack-*.bitmap</c>) or of the multi-pack-index.</summary>
    public bool HasBitmap { get; init; }

    public bool HasMultiPackIndex { get; init; }

    /// <summary><c>objects/info/commit-graph</c> or a split chain (<c>objects/info/commit-graphs/commit-graph-chain</c>).</summary>
    public bool HasCommitGraph { get; init; }

    /// <summary>Layers of a split commit-graph (0 for a single file or none).</summary>
    public int CommitGraphLayers { get; init; }

    /// <summary>Whether every commit-graph file carries changed-path Bloom filters (what <c>--changed-paths</c> writes).</summary>
    public bool CommitGraphHasBloomFilters { get; init; }

    /// <summary>Loose objects, estimated as <c>git gc --auto</c> does: the files in <c>objects/17</c> times 256.</summary>
    public long LooseObjectsEstimate { get; init; }

    /// <summary>Whether any loose object exists at all (the estimate is 0 for a handful of objects).</summary>
    public bool HasLooseObjects { get; init; }

    /// <summary>
    /// When a loose object was last added or removed: the newest time of the <c>objects/xx</c> folders
    /// (a folder's time changes with its entries). Null without such folders.
    /// </summary>
    public DateTimeOffset? NewestLooseObjectTime { get; init; }

    /// <summary>Files under <c>refs/</c> (lock files aside), counted up to the bound given to <see cref="Read"/>.</summary>
    public int LooseRefs { get; init; }

    /// <summary>When GitHost last optimized the repository (any action), or null if never.</summary>
    public DateTimeOffset? LastOptimized { get; init; }

    /// <summary>When GitHost last repacked the repository into one pack, or null if never.</summary>
    public DateTimeOffset? LastFullRepack { get; init; }

    /// <summary>Nothing stored: a repository just created, or one whose pushes all failed.</summary>
    public bool IsEmpty => Packs == 0 && KeptPacks == 0 && !HasLooseObjects;

    public static RepositoryFacts Read(string repositoryPath, int countLooseRefsUpTo)
    {
        var objects = Path.Combine(repositoryPath, "objects");
        var pack = Path.Combine(objects, "pack");
        var info = Path.Combine(objects, "info");
        var marker = OptimizationMarker.Read(repositoryPath);
        var packs = PackFiles.Read(pack);
        var chain = Path.Combine(info, "commit-graphs", "commit-graph-chain");
        var single = Path.Combine(info, "commit-graph");
        var graphFiles = CommitGraphFiles.Of(chain, single);
        var looseFolders = LooseObjectFolders(objects);
        return new RepositoryFacts
        {
            Packs = packs.Count(p => !p.Kept),
            KeptPacks = packs.Count(p => p.Kept),
            PackedBytes = packs.Sum(p => p.Bytes),
            LargestPackBytes = packs.Count == 0 ? 0 : packs.Max(p => p.Bytes),
            PackSizes = [.. packs.Where(p => !p.Kept).Select(p => p.Bytes).OrderDescending()],
            NewestPackTime = packs.Count == 0 ? null : packs.Max(p => p.Written),
            HasBitmap = Directory.Exists(pack)
                && (Directory.EnumerateFiles(pack, "pack-*.bitmap").Any() || Directory.EnumerateFiles(pack, "multi-pack-index-*.bitmap").Any()),
            HasMultiPackIndex = File.Exists(Path.Combine(pack, "multi-pack-index")),
            HasCommitGraph = graphFiles.Count > 0,
            CommitGraphLayers = File.Exists(chain) ? graphFiles.Count : 0,
            CommitGraphHasBloomFilters = graphFiles.Count > 0 && graphFiles.All(CommitGraphFiles.HasBloomFilters),
            LooseObjectsEstimate = CountFiles(Path.Combine(objects, "17"), int.MaxValue) * 256L,
            HasLooseObjects = looseFolders.Any(d => Directory.EnumerateFiles(d).Any()),
            NewestLooseObjectTime = looseFolders.Count == 0 ? null : looseFolders.Max(d => new DateTimeOffset(Directory.GetLastWriteTimeUtc(d))),
            LooseRefs = CountFiles(Path.Combine(repositoryPath, "refs"), countLooseRefsUpTo, recursive: true),
            LastOptimized = marker.LastOptimized,
            LastFullRepack = marker.LastFullRepack,
        };
    }

    private static int CountFiles(string directory, int upTo, bool recursive = false)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        // Bounded: a repository with a million loose refs must not make every evaluation walk them all.
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = 0 };
        return Directory.EnumerateFiles(directory, "*", options).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).Take(upTo).Count();
    }

    private static List<string> LooseObjectFolders(string objects) =>
        Directory.Exists(objects) ? [.. Directory.EnumerateDirectories(objects, "??").Where(d => IsHex(Path.GetFileName(d)))] : [];

    private static bool IsHex(string name) => name.All(char.IsAsciiHexDigitLower);
}
