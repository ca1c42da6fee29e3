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
        await server.PushDirectAsync(id, async tree =>
        {
            for (var i = 0; i < 10; i++)
            {
                await tree.WriteAsync($"file{i}.txt", $"content {i}\n");
            }

            await tree.CommitAsync("many files", Ct);
        }, Ct, "main");
        Assert.True(LooseObjects(server, id).Count > 5);

        await server.Logs.WaitForAsync(line => line.Contains($"Repacked repository {id} (scan)", StringComparison.Ordinal), Deadline, Ct);

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
