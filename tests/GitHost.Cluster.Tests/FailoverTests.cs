using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GitHost.Testing;
using GitHost.Testing.Pipelines;
using GitHost.Testing.Webhooks;
using Xunit;
using static GitHost.Cluster.Tests.ClusterApi;

namespace GitHost.Cluster.Tests;

/// <summary>A node killed under load, Redis killed: clients that retry get through, nothing accepted is lost or applied twice.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(LocalCluster cluster)
{
    private const string Key = "CRASH";
    private const string Slug = "busy";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_killed_under_load_loses_no_push_no_event_and_no_pipeline()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var proxy = cluster.Client(cluster.Proxy);
        await CreateProjectAsync(proxy, Key, Ct);
        var repositoryId = await CreateRepositoryAsync(proxy, Key, Slug, Ct);
        var hooks = $"{Api}/projects/{Key}/repos/{Slug}/webhooks";
        await (await proxy.PostAsJsonAsync(hooks, new { name = "all", url = receiver.Url, events = new[] { "repo:refs_changed" }, active = true }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        var release = Path.Combine(Path.GetTempPath(), "githost-cluster-release-" + Guid.NewGuid().ToString("N"));
        var runner = await (await proxy.PostAsJsonAsync($"/rest/pipelines/1.0/projects/{Key}/repos/{Slug}/runners", new { name = "through-haproxy", labels = new[] { "self.hosted", "linux.shell" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        await using var runnerProcess = RunnerProcess.Start(cluster.Proxy, runner.GetProperty("token").GetString());
        await runnerProcess.WaitForOutputAsync("Polling", TimeSpan.FromSeconds(60), Ct);

        // A pipeline on main whose step runs across the kill: it waits for the test to let it finish.
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("bitbucket-pipelines.yml",
            $"pipelines:\n  branches:\n    main:\n      - step:\n          name: outlives a node\n          script:\n            - while [ ! -e {release} ]; do sleep 0.2; done\n            - echo released\n");
        await tree.CommitAsync("A long step", Ct);
        (await tree.PushAsync(LocalCluster.CloneUrl(cluster.Proxy, Key, Slug), Ct, "HEAD:refs/heads/main")).EnsureSuccess();
        await runnerProcess.WaitForOutputAsync("Running step", TimeSpan.FromSeconds(60), Ct);

        using var load = new ClusterLoad(cluster, Key, Slug);
        var running = load.Start(pushers: 2, cloners: 2, readers: 2, Ct);
        await load.WaitForPushesAsync(6, TimeSpan.FromSeconds(60), Ct);

        var killedAt = Stopwatch.GetTimestamp();
        await cluster.KillNodeAsync(1, Ct);
        var pushesAtKill = load.AcceptedPushes.Count;
        await load.WaitForPushesAsync(pushesAtKill + 6, TimeSpan.FromSeconds(60), Ct);
        await File.WriteAllTextAsync(release, "go", Ct);
        var pipeline = await OnceTests.WaitForPipelineAsync(proxy, Key, Slug, 1, TimeSpan.FromSeconds(60));
        await load.StopAsync();
        await running;

        Assert.Equal("SUCCESSFUL", pipeline.GetProperty("state").GetProperty("result").GetProperty("name").GetString());
        Assert.True(load.Clones > 0 && load.Reads > 0, $"clones {load.Clones}, reads {load.Reads}");
        var longestOutage = load.LongestOutageAfter(killedAt);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Pushes {load.AcceptedPushes.Count} ({load.AcceptedPushes.Count(p => p.Retried)} after a retry), clones {load.Clones}, reads {load.Reads}; longest a client waited for a success after the kill: {longestOutage.TotalMilliseconds:F0} ms");
        Assert.True(longestOutage < TimeSpan.FromSeconds(10), $"A client waited {longestOutage.TotalSeconds:F1} s for a success after the kill.");

        // The repository is whole, and every push a client was told succeeded is in it.
        (await GitCli.RunAsync(cluster.RepositoryPath(repositoryId), ["fsck", "--full", "--no-progress"], Ct)).EnsureSuccess();
        foreach (var (branch, commit) in load.LastAcceptedPerBranch())
        {
            // The branch may be further on: a push in flight when the load stopped can have landed unseen.
            (await GitCli.RunAsync(cluster.RepositoryPath(repositoryId), ["merge-base", "--is-ancestor", commit, "refs/heads/" + branch], Ct)).EnsureSuccess();
        }

        // Every accepted push reached the webhook (at least once: a delivery in flight at the kill may be sent
        // again), including a push cut by the kill after its refs moved and before its post-receive ran: the client
        // saw it fail, its retry said "up to date", and node 2 recorded it from the pending row node 1 left behind.
        var wanted = load.AcceptedPushes.Select(p => p.Commit).ToHashSet();
        var seen = new HashSet<string>();
        while (!wanted.IsSubsetOf(seen))
        {
            ReceivedWebhook received;
            try
            {
                received = await receiver.NextOfAsync("repo:refs_changed", TimeSpan.FromSeconds(60), Ct);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"No event for {string.Join(", ", wanted.Except(seen))}\n--- node2\n{cluster.LogTail(2, 200)}", e);
            }

            seen.Add(received.Json.GetProperty("changes")[0].GetProperty("toHash").GetString()!);
        }

        await cluster.StartNodeAsync(1, Ct);
        File.Delete(release);
    }

    [Fact]
    public async Task With_Redis_gone_the_nodes_keep_serving_and_still_refuse_a_revoked_token_on_every_node()
    {
        using var a = cluster.Client(cluster.Node(1));
        await CreateProjectAsync(a, "NOREDIS", Ct);
        await CreateRepositoryAsync(a, "NOREDIS", "kept", Ct);
        var repo = $"{Api}/projects/NOREDIS/repos/kept";
        await cluster.KillRedisAsync(Ct);
        try
        {
            foreach (var node in new[] { cluster.Node(1), cluster.Node(2) })
            {
                using var anonymous = cluster.Client(node, user: null);
                var status = await WaitForStatusAsync(anonymous, redis: "DOWN");
                Assert.Equal("RUNNING", status.GetProperty("state").GetString());
            }

            // Writes go on: a push through one node, a clone through the other.
            using var tree = await GitWorkTree.InitAsync(Ct);
            var commit = await tree.CommitAsync("Without Redis", Ct);
            (await tree.PushAsync(LocalCluster.CloneUrl(cluster.Node(1), "NOREDIS", "kept"), Ct, "HEAD:refs/heads/main")).EnsureSuccess();
            var remote = (await GitCli.RunAsync(Path.GetTempPath(), ["ls-remote", LocalCluster.CloneUrl(cluster.Node(2), "NOREDIS", "kept"), "refs/heads/main"], Ct)).EnsureSuccess();
            Assert.StartsWith(commit, remote.StandardOutput, StringComparison.Ordinal);

            // Without the bus no node may trust its caches: a token revoked on A fails on B at once.
            await AssertRevocationReachesNodeTwoAsync(a, repo, TimeSpan.FromMilliseconds(500));
        }
        finally
        {
            await cluster.StartRedisAsync(Ct);
        }

        foreach (var node in new[] { cluster.Node(1), cluster.Node(2) })
        {
            using var anonymous = cluster.Client(node, user: null);
            await WaitForStatusAsync(anonymous, redis: "UP");
        }

        await AssertRevocationReachesNodeTwoAsync(a, repo, TimeSpan.FromSeconds(1));
    }

    private async Task AssertRevocationReachesNodeTwoAsync(HttpClient a, string repo, TimeSpan within)
    {
        var token = await (await a.PutAsJsonAsync("/rest/access-tokens/1.0/users/admin", new { name = "short-lived", permissions = new[] { "REPO_READ" } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        using var b = cluster.Client(cluster.Node(2), user: null);
        b.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        await GetAsync(b, repo, Ct);
        await (await a.DeleteAsync($"/rest/access-tokens/1.0/users/admin/{token.GetProperty("id").GetString()}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await TimeUntilAsync(b, repo, HttpStatusCode.Unauthorized, within, Ct);
    }

    private static async Task<System.Text.Json.JsonElement> WaitForStatusAsync(HttpClient client, string redis) =>
        (await Eventually.UntilAsync(
            () => GetAsync(client, "/status", Ct), status => status.GetProperty("redis").GetString() == redis, TimeSpan.FromSeconds(30),
            status => $"/status still says Redis is {status.GetProperty("redis").GetString()}, not {redis},", Ct)).Answer;
}
