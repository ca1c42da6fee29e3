using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>Background housekeeping: shortly after pushes and from the periodic scan, with bitmaps and a commit-graph, clients never blocked.</summary>
public sealed class HousekeepingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Burst_of_pushes_makes_one_optimization_after_the_last_with_a_bitmap_and_commit_graph_while_clones_go_on()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:Git:Housekeeping:DelaySeconds"] = "5",
            ["GitHost:Git:Housekeeping:ScanIntervalSeconds"] = "86400",
        });
        var id = await server.CreateRepositoryAsync("HOUSE", "pushes", Ct);
        var url = server.AdminCloneUrl("HOUSE", "pushes");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var evaluated = server.Logs.WaitForAsync(line => line.Contains($"Optimized repository {id} (push)", StringComparison.Ordinal), Deadline, Ct);
        string head = "";
        for (var i = 0; i < 3; i++)
        {
            await tree.WriteAsync($"f{i}.txt", $"{i}\n");
            head = await tree.CommitAsync($"commit {i}", Ct);
            (await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main"], Ct)).EnsureSuccess();
        }

        var clones = 0;
        while (!evaluated.IsCompleted)
        {
            // Clones keep working (and see the pushed head) while the repack runs.
            var target = Path.Combine(Path.GetTempPath(), "githost-clone-" + Guid.NewGuid().ToString("N"));
            var clone = await GitCli.RunAsync(Path.GetTempPath(), ["clone", "--quiet", "--bare", url, target], Ct);
            Assert.True(clone.ExitCode == 0, clone.StandardError);
            Assert.Equal(head, (await GitCli.RunAsync(target, ["rev-parse", "refs/heads/main"], Ct)).EnsureSuccess().StandardOutput.Trim());
            Directory.Delete(target, recursive: true);
            clones++;
        }

        Assert.Contains("full repack, commit-graph", await evaluated);
        var repository = server.RepositoryPath(id);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(repository, "objects", "pack"), "*.bitmap"));
        Assert.Empty(LooseObjects(server, id));
        Assert.True(File.Exists(Path.Combine(repository, "objects", "info", "commit-graphs", "commit-graph-chain")), "no split commit-graph");
        var fsck = await GitCli.RunAsync(repository, ["fsck", "--no-progress"], Ct);
        Assert.True(fsck.ExitCode == 0, fsck.StandardError);
        // The pushes came within the delay of each other (a push takes well under 5 s here): one evaluation for all three.
        Assert.Single(server.Logs.Lines, line => line.Contains($"repository {id} (push)", StringComparison.OrdinalIgnoreCase));
        TestContext.Current.TestOutputHelper?.WriteLine($"{clones} clone(s) ran between the last push and the end of the optimization.");
    }

    [Fact]
    public async Task Periodic_scan_removes_quarantines_and_ref_locks_left_by_killed_git_processes_and_nothing_younger()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:Git:Housekeeping:ScanIntervalSeconds"] = "1",
            ["GitHost:Git:CommandTimeoutSeconds"] = "600",
        });
        var id = await server.CreateRepositoryAsync("LEFT", "overs", Ct);
        var url = server.AdminCloneUrl("LEFT", "overs");
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.CommitAsync("first", Ct);
        (await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main", "main:other"], Ct)).EnsureSuccess();
        var repository = server.RepositoryPath(id);
        var quarantine = Directory.CreateDirectory(Path.Combine(repository, "objects", "incoming-Xy12Zq")).FullName;
        await File.WriteAllTextAsync(Path.Combine(quarantine, "tmp_pack_1"), "half a pack", Ct);
        var staleLock = Path.Combine(repository, "refs", "heads", "main.lock");
        await File.WriteAllTextAsync(staleLock, "", Ct);
        var graphLock = Path.Combine(Directory.CreateDirectory(Path.Combine(repository, "objects", "info", "commit-graphs")).FullName, "commit-graph-chain.lock");
        await File.WriteAllTextAsync(graphLock, "", Ct);
        var liveLock = Path.Combine(repository, "refs", "heads", "other.lock");
        await File.WriteAllTextAsync(liveLock, "", Ct);
        await tree.CommitAsync("second", Ct);
        var blocked = await GitCli.RunAsync(tree.Path, ["push", url, "main"], Ct);
        Assert.NotEqual(0, blocked.ExitCode);
        Assert.Contains("[remote rejected] main -> main", blocked.StandardError);

        // Only now do the quarantine and the main lock look as old as a killed process's leftovers.
        var longAgo = DateTime.UtcNow.AddHours(-2);
        Directory.SetLastWriteTimeUtc(quarantine, longAgo);
        File.SetLastWriteTimeUtc(staleLock, longAgo);
        File.SetLastWriteTimeUtc(graphLock, longAgo);
        await server.Logs.WaitForAsync(line => line.Contains($"Removed 3 leftovers of killed git processes (quarantine folders, lock files) from repository {id}", StringComparison.Ordinal), Deadline, Ct);
        var pushed = await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main"], Ct);

        Assert.False(Directory.Exists(quarantine));
        Assert.False(File.Exists(staleLock));
        Assert.False(File.Exists(graphLock), "a commit-graph lock of a killed run blocks every later commit-graph write");
        Assert.True(File.Exists(liveLock), "a lock younger than the command timeout may belong to a running git");
        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        File.Delete(liveLock);
        var fsck = await GitCli.RunAsync(repository, ["fsck", "--no-progress"], Ct);
        Assert.True(fsck.ExitCode == 0, fsck.StandardError);
    }

    [Fact]
    public async Task Periodic_scan_optimizes_a_repository_written_without_a_push_and_leaves_an_empty_one_alone()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:Git:Housekeeping:ScanIntervalSeconds"] = "1",
        });
        var tidy = await server.CreateRepositoryAsync("SCAN", "tidy", Ct);
        var id = await server.CreateRepositoryAsync("SCAN", "loose", Ct);
        var repacked = server.Logs.WaitForAsync(line => line.Contains($"Optimized repository {id} (scan): full repack, commit-graph", StringComparison.Ordinal), Deadline, Ct);
        await server.PushDirectAsync(id, async tree =>
        {
            for (var i = 0; i < 10; i++)
            {
                await tree.WriteAsync($"file{i}.txt", $"content {i}\n");
            }

            await tree.CommitAsync("many files", Ct);
        }, Ct, "main");
        // The scan runs every second, so it may already have packed the push; before it has, the push left loose objects.
        Assert.True(repacked.IsCompleted || LooseObjects(server, id).Count > 5, "the push was expected to leave loose objects");

        await repacked;

        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(server.RepositoryPath(id), "objects", "pack"), "*.bitmap"));
        Assert.Empty(LooseObjects(server, id));
        Assert.False(server.Logs.Contains($"Optimized repository {tidy} "), "an empty repository needs nothing");
        Assert.True(server.Logs.Contains($"Repository {tidy} (scan) needs no optimization"));
    }

    [Theory]
    [InlineData("DelaySeconds", "-1")]
    [InlineData("MaxDelaySeconds", "86401")]
    [InlineData("MaxLooseRefs", "0")]
    [InlineData("FullRepackIntervalSeconds", "60")]
    [InlineData("ScanIntervalSeconds", "0")]
    [InlineData("MaxPacks", "1")]
    public async Task Invalid_housekeeping_settings_stop_the_server_at_startup(string setting, string value)
    {
        var failure = Assert.IsType<OptionsValidationException>(
            await GitHostTestServer.StartupFailureAsync(new Dictionary<string, string?> { ["GitHost:Git:Housekeeping:" + setting] = value }, Ct));

        Assert.Contains(setting, failure.Message);
    }

    private static List<string> LooseObjects(GitHostTestServer server, long id) =>
        Directory.EnumerateDirectories(Path.Combine(server.RepositoryPath(id), "objects"))
            .Where(d => Path.GetFileName(d).Length == 2)
            .SelectMany(Directory.EnumerateFiles)
            .ToList();
}
