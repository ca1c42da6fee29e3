using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>Background repacks: after N pushes and from the periodic scan, with bitmaps and a commit-graph, clients never blocked.</summary>
public sealed class HousekeepingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Repository_is_repacked_with_a_bitmap_and_commit_graph_after_the_configured_pushes_while_clones_go_on()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:Git:Housekeeping:PushesBeforeRepack"] = "2",
            ["GitHost:Git:Housekeeping:ScanIntervalSeconds"] = "86400",
        });
        var id = await server.CreateRepositoryAsync("HOUSE", "pushes", Ct);
        var url = server.AdminCloneUrl("HOUSE", "pushes");
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("a.txt", "one\n");
        await tree.CommitAsync("first", Ct);
        (await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main"], Ct)).EnsureSuccess();
        Assert.NotEmpty(LooseObjects(server, id));
        Assert.False(server.Logs.Contains($"Repacked repository {id} "), "one push is below the threshold of 2");

        await tree.WriteAsync("b.txt", "two\n");
        var head = await tree.CommitAsync("second", Ct);
        var repacked = server.Logs.WaitForAsync(line => line.Contains($"Repacked repository {id} (pushes)", StringComparison.Ordinal), Deadline, Ct);
        (await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main"], Ct)).EnsureSuccess();
        var clones = 0;
        while (!repacked.IsCompleted)
        {
            // Clones keep working (and see the pushed head) while the repack runs.
            var target = Path.Combine(Path.GetTempPath(), "githost-clone-" + Guid.NewGuid().ToString("N"));
            var clone = await GitCli.RunAsync(Path.GetTempPath(), ["clone", "--quiet", "--bare", url, target], Ct);
            Assert.True(clone.ExitCode == 0, clone.StandardError);
            Assert.Equal(head, (await GitCli.RunAsync(target, ["rev-parse", "refs/heads/main"], Ct)).EnsureSuccess().StandardOutput.Trim());
            Directory.Delete(target, recursive: true);
            clones++;
        }

        await repacked;
        var repository = server.RepositoryPath(id);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(repository, "objects", "pack"), "*.bitmap"));
        Assert.Empty(LooseObjects(server, id));
        Assert.True(File.Exists(Path.Combine(repository, "objects", "info", "commit-graphs", "commit-graph-chain")), "no split commit-graph");
        var fsck = await GitCli.RunAsync(repository, ["fsck", "--no-progress"], Ct);
        Assert.True(fsck.ExitCode == 0, fsck.StandardError);
        TestContext.Current.TestOutputHelper?.WriteLine($"{clones} clone(s) ran between the second push and the end of the repack.");
    }

    [Fact]
    public async Task Periodic_scan_removes_quarantines_and_ref_locks_left_by_killed_git_processes_and_nothing_younger()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:Git:Housekeeping:PushesBeforeRepack"] = "1000",
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
        await server.Logs.WaitForAsync(line => line.Contains($"Removed 2 leftovers of killed git processes (quarantine folders, lock files) from repository {id}", StringComparison.Ordinal), Deadline, Ct);
        var pushed = await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main"], Ct);

        Assert.False(Directory.Exists(quarantine));
        Assert.False(File.Exists(staleLock));
        Assert.True(File.Exists(liveLock), "a lock younger than the command timeout may belong to a running git");
        Assert.True(pushed.ExitCode == 0, pushed.StandardError);
        File.Delete(liveLock);
        var fsck = await GitCli.RunAsync(repository, ["fsck", "--no-progress"], Ct);
        Assert.True(fsck.ExitCode == 0, fsck.StandardError);
    }

    [Fact]
    public async Task Periodic_scan_repacks_a_repository_with_too_many_loose_objects()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:Git:Housekeeping:PushesBeforeRepack"] = "1000",
            ["GitHost:Git:Housekeeping:ScanIntervalSeconds"] = "1",
            ["GitHost:Git:Housekeeping:MaxLooseObjects"] = "5",
        });
        var tidy = await server.CreateRepositoryAsync("SCAN", "tidy", Ct);
        var id = await server.CreateRepositoryAsync("SCAN", "loose", Ct);
        var repacked = server.Logs.WaitForAsync(line => line.Contains($"Repacked repository {id} (scan)", StringComparison.Ordinal), Deadline, Ct);
        await server.PushDirectAsync(id, async tree =>
        {
            for (var i = 0; i < 10; i++)
            {
                await tree.WriteAsync($"file{i}.txt", $"content {i}\n");
            }

            await tree.CommitAsync("many files", Ct);
        }, Ct, "main");
        // The scan runs every second, so it may already have packed the push; before it has, the push left loose objects.
        Assert.True(repacked.IsCompleted || LooseObjects(server, id).Count > 5, "the push was expected to leave more than 5 loose objects");

        await repacked;

        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(server.RepositoryPath(id), "objects", "pack"), "*.bitmap"));
        Assert.Empty(LooseObjects(server, id));
        Assert.False(server.Logs.Contains($"Repacked repository {tidy} "), "an empty repository is under every threshold");
    }

    [Theory]
    [InlineData("PushesBeforeRepack", "0")]
    [InlineData("ScanIntervalSeconds", "0")]
    [InlineData("MaxPacks", "1")]
    public async Task Invalid_housekeeping_settings_stop_the_server_at_startup(string setting, string value)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct,
            new Dictionary<string, string?> { ["GitHost:Git:Housekeeping:" + setting] = value }));

        Assert.Contains(setting, failure.Message);
    }

    private static List<string> LooseObjects(GitHostTestServer server, long id) =>
        Directory.EnumerateDirectories(Path.Combine(server.RepositoryPath(id), "objects"))
            .Where(d => Path.GetFileName(d).Length == 2)
            .SelectMany(Directory.EnumerateFiles)
            .ToList();
}
