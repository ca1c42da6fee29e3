using GitHost.Git;
using GitHost.Git.Maintenance;
using Xunit;

namespace GitHost.Server.Tests.Housekeeping;

/// <summary>The housekeeping decision alone, on facts built to trip one rule each.</summary>
public sealed class OptimizationStrategyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly HousekeepingOptions Options = new();

    /// <summary>A repository as GitHost leaves it after a full repack an hour ago, unchanged since.</summary>
    private static readonly RepositoryFacts Tidy = new()
    {
        Packs = 1,
        PackedBytes = 50_000_000,
        LargestPackBytes = 50_000_000,
        PackSizes = [50_000_000],
        NewestPackTime = Now.AddHours(-1).AddSeconds(-5),
        HasBitmap = true,
        HasCommitGraph = true,
        CommitGraphLayers = 1,
        CommitGraphHasBloomFilters = true,
        LooseRefs = 3,
        LastOptimized = Now.AddHours(-1),
        LastFullRepack = Now.AddHours(-1),
    };

    [Fact]
    public void Tidy_repository_that_did_not_change_needs_nothing()
    {
        var plan = OptimizationStrategy.Decide(Tidy, Options, Now);

        Assert.True(plan.IsEmpty, plan.Describe());
        Assert.Equal("nothing", plan.Describe());
    }

    [Fact]
    public void Empty_repository_needs_nothing()
    {
        var plan = OptimizationStrategy.Decide(new RepositoryFacts(), Options, Now);

        Assert.True(plan.IsEmpty, plan.Describe());
    }

    [Fact]
    public void Imported_pack_without_bitmap_gets_a_full_repack_and_a_commit_graph()
    {
        var imported = new RepositoryFacts { Packs = 1, PackedBytes = 10_000_000, PackSizes = [10_000_000], NewestPackTime = Now.AddSeconds(-3) };

        var plan = OptimizationStrategy.Decide(imported, Options, Now);

        Assert.Equal(RepackKind.Full, plan.Repack);
        Assert.Equal(CommitGraphWrite.Split, plan.CommitGraph);
        Assert.Equal("full repack, commit-graph", plan.Describe());
        Assert.Contains("no reachability bitmap", plan.Reasons);
    }

    [Fact]
    public void Missing_bitmap_that_a_repack_could_not_fix_does_not_repack_again_until_something_changes()
    {
        var kept = Tidy with { HasBitmap = false };

        Assert.Equal(RepackKind.None, OptimizationStrategy.Decide(kept, Options, Now).Repack);
        Assert.Equal(RepackKind.Full, OptimizationStrategy.Decide(kept with { NewestPackTime = Now.AddMinutes(-1) }, Options, Now).Repack);
    }

    [Fact]
    public void More_packs_than_the_maximum_get_a_full_repack()
    {
        var many = Tidy with { Packs = 51, PackSizes = [.. Enumerable.Range(0, 51).Select(i => 1_000_000L >> (i % 20))], NewestPackTime = Now.AddMinutes(-1) };

        var plan = OptimizationStrategy.Decide(many, Options, Now);

        Assert.Equal(RepackKind.Full, plan.Repack);
        Assert.Contains("51 packs, more than 50", plan.Reasons);
    }

    [Fact]
    public void A_few_packs_out_of_progression_get_a_geometric_repack_and_a_commit_graph()
    {
        var pushed = Tidy with { Packs = 3, PackSizes = [50_000_000, 40_000, 30_000], NewestPackTime = Now.AddMinutes(-1) };

        var plan = OptimizationStrategy.Decide(pushed, Options, Now);

        Assert.Equal(RepackKind.Geometric, plan.Repack);
        Assert.Equal("geometric repack, commit-graph", plan.Describe());
    }

    [Fact]
    public void Packs_already_in_geometric_progression_are_left_alone_but_their_commits_enter_the_commit_graph()
    {
        var pushed = Tidy with { Packs = 3, PackSizes = [50_000_000, 40_000, 10_000], NewestPackTime = Now.AddMinutes(-1) };

        var plan = OptimizationStrategy.Decide(pushed, Options, Now);

        Assert.Equal(RepackKind.None, plan.Repack);
        Assert.Equal(CommitGraphWrite.Split, plan.CommitGraph);
        Assert.Contains("packs arrived since the last optimization", plan.Reasons);
    }

    [Fact]
    public void Loose_objects_over_the_threshold_get_a_geometric_repack()
    {
        var loose = Tidy with { HasLooseObjects = true, LooseObjectsEstimate = 7_168, NewestLooseObjectTime = Now.AddMinutes(-1) };

        var plan = OptimizationStrategy.Decide(loose, Options, Now);

        Assert.Equal(RepackKind.Geometric, plan.Repack);
        Assert.Equal(RepackKind.None, OptimizationStrategy.Decide(loose with { LooseObjectsEstimate = 256 }, Options, Now).Repack);
    }

    [Fact]
    public void Loose_objects_a_repack_left_behind_do_not_repack_again()
    {
        // Unreachable loose objects survive repack -d; older than the marker, they are not news.
        var leftover = Tidy with { HasLooseObjects = true, LooseObjectsEstimate = 7_168, NewestLooseObjectTime = Now.AddHours(-2) };

        Assert.True(OptimizationStrategy.Decide(leftover, Options, Now).IsEmpty);
    }

    [Fact]
    public void A_week_after_the_last_full_repack_a_changed_repository_is_fully_repacked_again()
    {
        var old = Tidy with { LastFullRepack = Now.AddDays(-8), HasLooseObjects = true, NewestLooseObjectTime = Now.AddMinutes(-1) };

        Assert.Equal(RepackKind.Full, OptimizationStrategy.Decide(old, Options, Now).Repack);
        Assert.True(OptimizationStrategy.Decide(old with { HasLooseObjects = false }, Options, Now).IsEmpty, "unchanged: nothing to gain");
        Assert.Equal(RepackKind.None, OptimizationStrategy.Decide(old with { LastFullRepack = Now.AddDays(-6) }, Options, Now).Repack);
    }

    [Fact]
    public void Missing_commit_graph_is_written_without_a_repack()
    {
        var plan = OptimizationStrategy.Decide(Tidy with { HasCommitGraph = false, CommitGraphLayers = 0 }, Options, Now);

        Assert.Equal(RepackKind.None, plan.Repack);
        Assert.Equal(CommitGraphWrite.Split, plan.CommitGraph);
        Assert.Contains("no commit-graph", plan.Reasons);
    }

    [Fact]
    public void Commit_graph_without_bloom_filters_is_replaced_whole()
    {
        var plan = OptimizationStrategy.Decide(Tidy with { CommitGraphHasBloomFilters = false }, Options, Now);

        Assert.Equal(CommitGraphWrite.Replace, plan.CommitGraph);
    }

    [Fact]
    public void Loose_refs_over_the_threshold_are_packed()
    {
        var plan = OptimizationStrategy.Decide(Tidy with { LooseRefs = 1_001 }, Options, Now);

        Assert.Equal("pack-refs", plan.Describe());
        Assert.True(OptimizationStrategy.Decide(Tidy with { LooseRefs = 1_000 }, Options, Now).IsEmpty);
        Assert.True(OptimizationStrategy.Decide(Tidy with { LooseRefs = 1_001 }, new HousekeepingOptions { MaxLooseRefs = 5_000 }, Now).IsEmpty);
    }

    [Theory]
    [InlineData(new long[] { }, true)]
    [InlineData(new long[] { 100 }, true)]
    [InlineData(new long[] { 100, 50, 25 }, true)]
    [InlineData(new long[] { 100, 51 }, false)]
    [InlineData(new long[] { 1000, 400, 300 }, false)]
    public void Geometric_progression_means_each_pack_is_at_least_twice_the_next(long[] sizes, bool expected) =>
        Assert.Equal(expected, OptimizationStrategy.IsGeometricProgression(sizes));
}
