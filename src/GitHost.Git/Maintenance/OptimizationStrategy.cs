using System.Globalization;

namespace GitHost.Git.Maintenance;

/// <summary>
/// Decides from <see cref="RepositoryFacts"/> alone what keeps a repository fast to serve, in the spirit
/// of Gitaly's OptimizeRepository: no git process runs when nothing needs doing.
/// <list type="bullet">
/// <item>Full repack (one pack, with a bitmap) when the repository has objects but no reachability bitmap,
/// more than <see cref="HousekeepingOptions.MaxPacks"/> packs, or was last fully repacked longer ago than
/// <see cref="HousekeepingOptions.FullRepackIntervalSeconds"/>.</item>
/// <item>Otherwise a geometric repack (only the small packs merged; a multi-pack-index bitmap) when the packs
/// are not in a geometric progression (each at least twice the next smaller) or loose objects are over
/// <see cref="HousekeepingOptions.MaxLooseObjects"/>.</item>
/// <item>Repack rules apply only to a repository that changed since GitHost last optimized it (a pack or
/// loose object newer than the marker), so that what a repack cannot fix (packs git keeps, unreachable loose
/// objects) does not make it run again on every evaluation.</item>
/// <item>A commit-graph write after any repack, when there is none, or when packs arrived since the last run;
/// a full rewrite (<c>--split=replace</c>) when a layer lacks Bloom filters.</item>
/// <item><c>pack-refs</c> when loose refs are over <see cref="HousekeepingOptions.MaxLooseRefs"/>.</item>
/// </list>
/// </summary>
public static class OptimizationStrategy
{
    public static OptimizationPlan Decide(RepositoryFacts facts, HousekeepingOptions options, DateTimeOffset now)
    {
        var reasons = new List<string>();
        var repack = facts.IsEmpty || !ChangedSinceLastOptimization(facts) ? RepackKind.None : DecideRepack(facts, options, now, reasons);
        var commitGraph = DecideCommitGraph(facts, repack, reasons);
        var packRefs = facts.LooseRefs > options.MaxLooseRefs;
        if (packRefs)
        {
            reasons.Add(Invariant($"{facts.LooseRefs} loose refs, more than {options.MaxLooseRefs}"));
        }

        return repack == RepackKind.None && commitGraph == CommitGraphWrite.None && !packRefs
            ? OptimizationPlan.Nothing
            : new OptimizationPlan(repack, commitGraph, packRefs, reasons);
    }

    /// <summary>
    /// True when each pack (largest first) is at least twice the size of the next: what
    /// <c>git repack --geometric=2</c> leaves behind. Sizes are bytes where git counts objects, which is close enough
    /// to decide whether asking git is worth it.
    /// </summary>
    public static bool IsGeometricProgression(IReadOnlyList<long> sizesLargestFirst)
    {
        for (var i = 1; i < sizesLargestFirst.Count; i++)
        {
            if (sizesLargestFirst[i - 1] < 2 * sizesLargestFirst[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool ChangedSinceLastOptimization(RepositoryFacts facts) =>
        facts.LastOptimized is not { } last || facts.NewestPackTime > last || (facts.HasLooseObjects && facts.NewestLooseObjectTime > last);

    private static RepackKind DecideRepack(RepositoryFacts facts, HousekeepingOptions options, DateTimeOffset now, List<string> reasons)
    {
        if (!facts.HasBitmap)
        {
            reasons.Add("no reachability bitmap");
            return RepackKind.Full;
        }

        if (facts.Packs > options.MaxPacks)
        {
            reasons.Add(Invariant($"{facts.Packs} packs, more than {options.MaxPacks}"));
            return RepackKind.Full;
        }

        if (facts.LastFullRepack is not { } full || now - full > TimeSpan.FromSeconds(options.FullRepackIntervalSeconds))
        {
            reasons.Add(facts.LastFullRepack is null
                ? "never fully repacked by GitHost"
                : Invariant($"last full repack {(int)(now - facts.LastFullRepack.Value).TotalHours} hours ago"));
            return RepackKind.Full;
        }

        if (facts.Packs >= 2 && !IsGeometricProgression(facts.PackSizes))
        {
            reasons.Add(Invariant($"{facts.Packs} packs not in a geometric progression"));
            return RepackKind.Geometric;
        }

        if (facts.LooseObjectsEstimate > options.MaxLooseObjects)
        {
            reasons.Add(Invariant($"about {facts.LooseObjectsEstimate} loose objects, more than {options.MaxLooseObjects}"));
            return RepackKind.Geometric;
        }

        return RepackKind.None;
    }

    private static CommitGraphWrite DecideCommitGraph(RepositoryFacts facts, RepackKind repack, List<string> reasons)
    {
        if (facts.IsEmpty)
        {
            return CommitGraphWrite.None;
        }

        if (facts.HasCommitGraph && !facts.CommitGraphHasBloomFilters)
        {
            reasons.Add("commit-graph without Bloom filters");
            return CommitGraphWrite.Replace;
        }

        if (repack != RepackKind.None)
        {
            return CommitGraphWrite.Split;
        }

        if (!facts.HasCommitGraph)
        {
            reasons.Add("no commit-graph");
            return CommitGraphWrite.Split;
        }

        if (facts.NewestPackTime > facts.LastOptimized || (facts.LastOptimized is null && facts.NewestPackTime is not null))
        {
            reasons.Add("packs arrived since the last optimization");
            return CommitGraphWrite.Split;
        }

        return CommitGraphWrite.None;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
