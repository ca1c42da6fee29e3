using System.Net;
using System.Text.Json;
using GitHost.Data;
using GitHost.Git.Maintenance;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Housekeeping;

/// <summary>
/// Housekeeping after pushes with default options (an import gets its bitmap and commit-graph within
/// seconds, a small push afterwards costs nothing), and the administrator's optimize call.
/// </summary>
public sealed class RepositoryOptimizationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Imported_repository_gets_a_bitmap_and_a_commit_graph_with_bloom_filters_seconds_after_its_push_while_clones_go_on()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var id = await server.CreateRepositoryAsync("IMP", "big", Ct);
        var url = server.AdminCloneUrl("IMP", "big");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var head = await ImportedHistory.WriteAsync(tree, commits: 400, Ct);
        var optimized = server.Logs.WaitForAsync(
            line => line.Contains($"Optimized repository {id} (push): full repack, commit-graph in ", StringComparison.Ordinal), Deadline, Ct);

        (await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main"], Ct)).EnsureSuccess();
        var repository = server.RepositoryPath(id);
        var clones = 0;
        while (!optimized.IsCompleted)
        {
            var target = Path.Combine(Path.GetTempPath(), "githost-clone-" + Guid.NewGuid().ToString("N"));
            var clone = await GitCli.RunAsync(Path.GetTempPath(), ["clone", "--quiet", "--bare", url, target], Ct);
            Assert.True(clone.ExitCode == 0, clone.StandardError);
            Assert.Equal(head, (await GitCli.RunAsync(target, ["rev-parse", "refs/heads/main"], Ct)).EnsureSuccess().StandardOutput.Trim());
            Directory.Delete(target, recursive: true);
            clones++;
        }

        var line = await optimized;
        Assert.Contains("no reachability bitmap", line);
        var facts = RepositoryFacts.Read(repository, 100);
        Assert.True(facts.HasBitmap);
        Assert.Equal(1, facts.Packs);
        Assert.False(facts.HasLooseObjects);
        Assert.True(facts.CommitGraphHasBloomFilters);
        Assert.True(File.Exists(Path.Combine(repository, "objects", "info", "commit-graphs", "commit-graph-chain")), "no split commit-graph");
        Assert.NotNull(facts.LastFullRepack);
        (await GitCli.RunAsync(repository, ["commit-graph", "verify"], Ct)).EnsureSuccess();
        var fsck = await GitCli.RunAsync(repository, ["fsck", "--no-progress"], Ct);
        Assert.True(fsck.ExitCode == 0, fsck.StandardError);
        TestContext.Current.TestOutputHelper?.WriteLine($"{clones} clone(s) ran between the push and the end of the optimization.");
    }

    [Fact]
    public async Task Small_push_after_an_optimized_import_runs_no_repack()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        var id = await server.CreateRepositoryAsync("IMP", "again", Ct);
        var url = server.AdminCloneUrl("IMP", "again");
        using var tree = await GitWorkTree.InitAsync(Ct);
        await ImportedHistory.WriteAsync(tree, commits: 200, Ct);
        var first = server.Logs.WaitForAsync(line => line.Contains($"Optimized repository {id} (push): full repack", StringComparison.Ordinal), Deadline, Ct);
        (await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main"], Ct)).EnsureSuccess();
        await first;
        var repository = server.RepositoryPath(id);
        var fullRepack = RepositoryFacts.Read(repository, 100).LastFullRepack;
        var mark = server.Logs.Count;

        await tree.WriteAsync("small.txt", "small\n");
        await tree.CommitAsync("small change", Ct);
        (await GitCli.RunAsync(tree.Path, ["push", "--quiet", url, "main"], Ct)).EnsureSuccess();
        await server.Logs.WaitForAsync(line => line.Contains($"Repository {id} (push) needs no optimization", StringComparison.Ordinal), Deadline, Ct, fromLine: mark);

        Assert.DoesNotContain(server.Logs.Lines.Skip(mark), line => line.Contains($"Optimized repository {id} ", StringComparison.Ordinal));
        var facts = RepositoryFacts.Read(repository, 100);
        Assert.True(facts.HasLooseObjects, "the small push was expected to land as loose objects");
        Assert.Equal(fullRepack, facts.LastFullRepack);
    }

    [Fact]
    public async Task Optimize_call_runs_the_evaluation_now_and_says_what_it_did()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        // Written straight to disk: no push, so nothing but the call optimizes it.
        var seeded = await server.SeedRepositoryAsync("OPT", "repo", async tree =>
        {
            await tree.WriteAsync("a.txt", "a\n");
            await tree.CommitAsync("first", Ct);
        }, Ct, "main");
        using var admin = server.AdminClient();
        admin.DefaultRequestHeaders.Add("X-Atlassian-Token", "no-check");

        var first = await (await admin.PostAsync("/rest/api/1.0/projects/OPT/repos/repo/optimize", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var second = await (await admin.PostAsync("/rest/api/1.0/projects/OPT/repos/repo/optimize", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.True(first.GetProperty("optimized").GetBoolean());
        Assert.Equal(["full repack", "commit-graph"], first.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("no reachability bitmap", first.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Number, first.GetProperty("durationMs").ValueKind);
        Assert.True(RepositoryFacts.Read(server.RepositoryPath(seeded.Id), 100).HasBitmap);
        Assert.False(second.GetProperty("optimized").GetBoolean(), second.ToString());
        Assert.Empty(second.GetProperty("actions").EnumerateArray());
        Assert.True(server.Logs.Contains($"Optimized repository {seeded.Id} (admin): full repack, commit-graph"));
    }

    [Theory]
    [InlineData("/rest/api/1.0/projects/NOPE/repos/repo/optimize")]
    [InlineData("/rest/api/1.0/projects/OPT/repos/nope/optimize")]
    [InlineData("/rest/api/1.0/projects/OPT/repos/-bad-/optimize")]
    public async Task Optimize_call_for_a_repository_that_does_not_exist_is_404(string path)
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct);
        await server.CreateRepositoryAsync("OPT", "repo", Ct);
        using var admin = server.AdminClient();
        admin.DefaultRequestHeaders.Add("X-Atlassian-Token", "no-check");

        using var response = await admin.PostAsync(path, null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("NoSuchRepositoryException", await response.Content.ReadAsStringAsync(Ct));
    }
}
