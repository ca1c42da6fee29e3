using GitHost.Git;
using GitHost.Git.Commands;
using GitHost.Git.Maintenance;
using GitHost.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.Housekeeping;

/// <summary>
/// <see cref="RepositoryFacts"/> read from scratch bare repositories that the git CLI put in each state,
/// and <see cref="RepositoryMaintenance"/> running each kind of plan with the installed git.
/// </summary>
public sealed class RepositoryFactsTests : IDisposable
{
    private readonly string _bare = Directory.CreateTempSubdirectory("githost-facts-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fresh_push_of_few_objects_is_loose_with_no_pack_bitmap_or_commit_graph()
    {
        await CreateAsync(commits: 3);

        var facts = Read();

        Assert.True(facts.HasLooseObjects);
        Assert.NotNull(facts.NewestLooseObjectTime);
        Assert.Equal(0, facts.Packs);
        Assert.False(facts.HasBitmap);
        Assert.False(facts.HasCommitGraph);
        Assert.Null(facts.LastOptimized);
        Assert.False(facts.IsEmpty);
    }

    [Fact]
    public async Task Empty_repository_has_no_facts_to_act_on()
    {
        await GitAsync("init", "--quiet", "--bare", _bare);

        var facts = Read();

        Assert.True(facts.IsEmpty);
        Assert.Equal(0, facts.LooseRefs);
    }

    [Fact]
    public async Task Full_repack_leaves_one_pack_with_a_bitmap_and_no_loose_objects()
    {
        await CreateAsync(commits: 3);
        await GitAsync("--git-dir=" + _bare, "repack", "-a", "-d", "-b", "--write-bitmap-index");

        var facts = Read();

        Assert.Equal(1, facts.Packs);
        Assert.True(facts.HasBitmap);
        Assert.False(facts.HasMultiPackIndex);
        Assert.False(facts.HasLooseObjects);
        Assert.Equal(facts.PackedBytes, facts.LargestPackBytes);
        Assert.Equal([facts.PackedBytes], facts.PackSizes);
        Assert.NotNull(facts.NewestPackTime);
    }

    [Fact]
    public async Task Geometric_repack_with_a_multi_pack_index_bitmap_counts_as_a_bitmap()
    {
        await CreateAsync(commits: 3);
        await GitAsync("--git-dir=" + _bare, "repack", "-d", "--geometric=2", "--write-midx", "--write-bitmap-index");

        var facts = Read();

        Assert.True(facts.HasMultiPackIndex);
        Assert.True(facts.HasBitmap);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_bare, "objects", "pack"), "pack-*.bitmap"));
    }

    [Fact]
    public async Task Kept_pack_is_counted_apart_from_the_packs_a_repack_may_merge()
    {
        await CreateAsync(commits: 3);
        await GitAsync("--git-dir=" + _bare, "repack", "-a", "-d");
        var pack = Directory.EnumerateFiles(Path.Combine(_bare, "objects", "pack"), "pack-*.pack").Single();
        await File.WriteAllTextAsync(Path.ChangeExtension(pack, ".keep"), "receive-pack", Ct);

        var facts = Read();

        Assert.Equal(0, facts.Packs);
        Assert.Equal(1, facts.KeptPacks);
        Assert.Empty(facts.PackSizes);
        Assert.True(facts.PackedBytes > 0);
    }

    [Theory]
    [InlineData(new[] { "--split", "--changed-paths" }, 1, true)]
    [InlineData(new[] { "--split" }, 1, false)]
    [InlineData(new[] { "--changed-paths" }, 0, true)]
    public async Task Commit_graph_layers_and_bloom_filters_are_read_from_git_s_files(string[] options, int layers, bool bloom)
    {
        await CreateAsync(commits: 3);
        await GitAsync(["--git-dir=" + _bare, "commit-graph", "write", "--reachable", .. options]);

        var facts = Read();

        Assert.True(facts.HasCommitGraph);
        Assert.Equal(layers, facts.CommitGraphLayers);
        Assert.Equal(bloom, facts.CommitGraphHasBloomFilters);
    }

    [Fact]
    public async Task Loose_refs_are_counted_up_to_the_bound_and_vanish_when_packed()
    {
        await CreateAsync(commits: 1);
        for (var i = 0; i < 20; i++)
        {
            await GitAsync("--git-dir=" + _bare, "update-ref", $"refs/heads/b{i}", "refs/heads/main");
        }

        await File.WriteAllTextAsync(Path.Combine(_bare, "refs", "heads", "b0.lock"), "", Ct);

        Assert.Equal(21, RepositoryFacts.Read(_bare, countLooseRefsUpTo: 1_000).LooseRefs);
        Assert.Equal(10, RepositoryFacts.Read(_bare, countLooseRefsUpTo: 10).LooseRefs);
        File.Delete(Path.Combine(_bare, "refs", "heads", "b0.lock"));
        await GitAsync("--git-dir=" + _bare, "pack-refs", "--all");
        Assert.Equal(0, Read().LooseRefs);
    }

    [Fact]
    public async Task Loose_objects_are_estimated_as_git_gc_auto_does_from_folder_17()
    {
        await GitAsync("init", "--quiet", "--bare", _bare);
        var files = Directory.CreateTempSubdirectory("githost-blobs-").FullName;
        var paths = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            paths.Add(Path.Combine(files, $"b{i}"));
            await File.WriteAllTextAsync(paths[^1], $"blob {i}\n", Ct);
        }

        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', paths) + "\n"));
        var ids = (await GitCli.RunAsync(_bare, ["--git-dir=" + _bare, "hash-object", "-w", "--stdin-paths"], Ct, standardInput: input))
            .EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Directory.Delete(files, recursive: true);

        var facts = Read();

        Assert.Equal(1_000, ids.Length);
        Assert.Equal(ids.Count(id => id.StartsWith("17", StringComparison.Ordinal)) * 256L, facts.LooseObjectsEstimate);
        Assert.True(facts.HasLooseObjects);
    }

    [Theory]
    [InlineData(RepackKind.Full, CommitGraphWrite.Split, false)]
    [InlineData(RepackKind.Geometric, CommitGraphWrite.Replace, true)]
    public async Task Maintenance_runs_each_plan_with_the_installed_git_and_records_it_in_the_marker(
        RepackKind repack, CommitGraphWrite commitGraph, bool packRefs)
    {
        await CreateAsync(commits: 5);
        await GitAsync("--git-dir=" + _bare, "update-ref", "refs/heads/other", "refs/heads/main");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await Maintenance().RunAsync(_bare, new OptimizationPlan(repack, commitGraph, packRefs, ["test"]), Ct);

        var facts = Read();
        Assert.True(facts.HasBitmap);
        Assert.Equal(repack == RepackKind.Geometric, facts.HasMultiPackIndex);
        Assert.True(facts.CommitGraphHasBloomFilters);
        Assert.Equal(1, facts.CommitGraphLayers);
        Assert.Equal(packRefs ? 0 : 2, facts.LooseRefs);
        Assert.True(facts.LastOptimized > before, $"{facts.LastOptimized}");
        Assert.Equal(repack == RepackKind.Full ? facts.LastOptimized : null, facts.LastFullRepack);
        Assert.True(OptimizationStrategy.Decide(facts, new HousekeepingOptions(), DateTimeOffset.UtcNow).IsEmpty, "the marker makes the next evaluation a no-op");
        (await GitCli.RunAsync(_bare, ["--git-dir=" + _bare, "commit-graph", "verify"], Ct)).EnsureSuccess();
        var fsck = await GitCli.RunAsync(_bare, ["--git-dir=" + _bare, "fsck", "--no-progress"], Ct);
        Assert.True(fsck.ExitCode == 0, fsck.StandardError);
    }

    public void Dispose() => Directory.Delete(_bare, recursive: true);

    private RepositoryFacts Read() => RepositoryFacts.Read(_bare, countLooseRefsUpTo: 1_000);

    private static RepositoryMaintenance Maintenance() => new(
        new GitCommandRunner(Options.Create(new GitOptions()), new GitEnvironment(Directory.CreateTempSubdirectory("githost-facts-home-").FullName),
            NullLogger<GitCommandRunner>.Instance),
        TimeProvider.System);

    private async Task CreateAsync(int commits)
    {
        await GitAsync("init", "--quiet", "--bare", _bare);
        using var tree = await GitWorkTree.InitAsync(Ct);
        for (var i = 0; i < commits; i++)
        {
            await tree.WriteAsync($"f{i}.txt", $"{i}\n");
            await tree.CommitAsync($"commit {i}", Ct);
        }

        await tree.PushAsync(_bare, Ct, "main");
    }

    private async Task GitAsync(params string[] arguments) =>
        (await GitCli.RunAsync(Path.GetTempPath(), arguments, Ct)).EnsureSuccess();
}
