using System.Net;
using System.Net.Http.Json;
using GitHost.Testing;
using GitHost.Testing.Pipelines;
using GitHost.Testing.Webhooks;
using Xunit;
using static GitHost.Cluster.Tests.ClusterApi;

namespace GitHost.Cluster.Tests;

/// <summary>Work that either node could do is done once: a webhook delivery per event, a runner dispatch per step.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OnceTests(LocalCluster cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pushes_through_both_nodes_each_reach_a_webhook_exactly_once()
    {
        const int Pushes = 12;
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var a = cluster.Client(cluster.Node(1));
        await CreateProjectAsync(a, "HOOKS", Ct);
        await CreateRepositoryAsync(a, "HOOKS", "events", Ct);
        var hooks = $"{Api}/projects/HOOKS/repos/events/webhooks";
        var hook = await (await a.PostAsJsonAsync(hooks, new { name = "count", url = receiver.Url, events = new[] { "repo:refs_changed" }, active = true }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        var hookPath = $"{hooks}/{hook.GetProperty("id").GetInt64()}";
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.CommitAsync("Start", Ct);

        for (var i = 1; i <= Pushes; i++)
        {
            (await tree.PushAsync(LocalCluster.CloneUrl(cluster.Node(1 + (i % 2)), "HOOKS", "events"), Ct, $"HEAD:refs/heads/branch-{i}")).EnsureSuccess();
        }

        var branches = new List<string>();
        for (var i = 0; i < Pushes; i++)
        {
            var received = await receiver.NextOfAsync("repo:refs_changed", TimeSpan.FromSeconds(30), Ct);
            branches.Add(received.Json.GetProperty("changes")[0].GetProperty("ref").GetProperty("displayId").GetString()!);
        }

        Assert.Equal(Enumerable.Range(1, Pushes).Select(i => $"branch-{i}").Order(), branches.Order());
        // Every delivery is recorded as delivered; nothing is left to send, and no event was sent a second time.
        await WaitUntilAsync(async () =>
            (await GetAsync(a, hookPath + "/deliveries?state=DELIVERED&limit=100", Ct)).GetProperty("size").GetInt32() == Pushes
            && (await GetAsync(a, hookPath + "/deliveries?state=PENDING", Ct)).GetProperty("size").GetInt32() == 0);
        Assert.Equal(Pushes, (await GetAsync(a, hookPath + "/attempts?limit=100", Ct)).GetProperty("size").GetInt32());
        Assert.False(receiver.Received.TryRead(out var extra), $"A second request arrived: {extra?.Body}");
    }

    [Fact]
    public async Task Runners_polling_different_nodes_take_each_step_once()
    {
        const int Steps = 6;
        using var a = cluster.Client(cluster.Node(1));
        await CreateProjectAsync(a, "RUNS", Ct);
        var repositoryId = await CreateRepositoryAsync(a, "RUNS", "build", Ct);
        var runs = Path.Combine(Path.GetTempPath(), "githost-cluster-runs-" + Guid.NewGuid().ToString("N"));
        await using var runnerA = await StartRunnerAsync(a, "RUNS", "build", "on-node-1", cluster.Node(1));
        await using var runnerB = await StartRunnerAsync(a, "RUNS", "build", "on-node-2", cluster.Node(2));
        var steps = string.Join('\n', Enumerable.Range(1, Steps).Select(i => $"        - step:\n            name: part {i}\n            script:\n              - echo \"part {i} $BITBUCKET_STEP_UUID\" >> {runs}"));
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("bitbucket-pipelines.yml", $"pipelines:\n  default:\n    - parallel:\n{steps}\n");
        await tree.CommitAsync("Build in parts", Ct);
        try
        {
            // Pushed through node 1: the runner waiting on node 2 must hear of the ready steps too.
            (await tree.PushAsync(LocalCluster.CloneUrl(cluster.Node(1), "RUNS", "build"), Ct, "HEAD:refs/heads/main")).EnsureSuccess();

            System.Text.Json.JsonElement pipeline;
            try
            {
                pipeline = await WaitForPipelineAsync(a, "RUNS", "build", 1, TimeSpan.FromSeconds(90));
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\n--- runner 1\n{runnerA.Output}\n--- runner 2\n{runnerB.Output}\n--- node1\n{cluster.LogTail(1, 200)}\n--- node2\n{cluster.LogTail(2, 200)}", e);
            }

            Assert.Equal("SUCCESSFUL", pipeline.GetProperty("state").GetProperty("result").GetProperty("name").GetString());
            var lines = File.ReadAllLines(runs);
            Assert.Equal(Enumerable.Range(1, Steps).Select(i => $"part {i}"), lines.Select(l => l[..l.LastIndexOf(' ')]).Order(StringComparer.Ordinal));
            Assert.Equal(Steps, lines.Distinct().Count());
            var dispatches = (cluster.Log(1) + cluster.Log(2)).Split('\n').Count(l => l.Contains($"Pipeline #1 of repository {repositoryId}:", StringComparison.Ordinal) && l.Contains("dispatched to runner", StringComparison.Ordinal));
            Assert.Equal(Steps, dispatches);
        }
        finally
        {
            File.Delete(runs);
        }
    }

    private async Task<RunnerProcess> StartRunnerAsync(HttpClient admin, string key, string slug, string name, Uri server)
    {
        var created = await (await admin.PostAsJsonAsync($"/rest/pipelines/1.0/projects/{key}/repos/{slug}/runners", new { name, labels = new[] { "self.hosted", "linux.shell" } }, Ct))
            .ExpectAsync(HttpStatusCode.Created, Ct);
        var runner = RunnerProcess.Start(server, created.GetProperty("token").GetString(), settings: ("Runner__Capacity", "2"));
        await runner.WaitForOutputAsync("Polling", TimeSpan.FromSeconds(60), Ct);
        return runner;
    }

    internal static async Task<System.Text.Json.JsonElement> WaitForPipelineAsync(HttpClient client, string key, string slug, int buildNumber, TimeSpan limit)
    {
        var path = $"/rest/pipelines/1.0/projects/{key}/repos/{slug}/pipelines/{buildNumber}";
        try
        {
            var (answer, _) = await Eventually.UntilAsync(
                async () =>
                {
                    using var response = await client.GetAsync(path, Ct);
                    return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
                },
                answer => answer.StatusCode == HttpStatusCode.OK
                    && System.Text.Json.JsonDocument.Parse(answer.Body).RootElement.GetProperty("state").GetProperty("name").GetString() == "COMPLETED",
                limit, answer => $"Pipeline #{buildNumber} of {key}/{slug} is not complete: {(int)answer.StatusCode} {answer.Body}", Ct);
            return System.Text.Json.JsonDocument.Parse(answer.Body).RootElement;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nsteps: {await client.GetStringAsync(path + "/steps", Ct)}", e);
        }
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.UntilAsync(condition, done => done, TimeSpan.FromSeconds(30), _ => "The deliveries were not all recorded", Ct);
}
