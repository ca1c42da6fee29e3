using GitHost.Testing.Webhooks;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Webhooks;

/// <summary>Servers with one delivery worker, so two hooks must share it, a batch at a time.</summary>
public sealed class SingleWorkerWebhookServers() : ServerPerProvider(Settings)
{
    private static Dictionary<string, string?> Settings => new(WebhookServers.Settings) { ["GitHost:Webhooks:MaxParallelHooks"] = "1", ["GitHost:Webhooks:FairShare"] = "00:00:00" };
}

/// <summary>
/// When more hooks have deliveries due than there are workers, a busy hook gives its worker to the one
/// that has waited longest after each batch, instead of keeping it while its own deliveries keep coming.
/// </summary>
public sealed class WebhookFairnessTests(SingleWorkerWebhookServers servers) : IClassFixture<SingleWorkerWebhookServers>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_hook_with_a_backlog_lets_a_waiting_hook_go_next(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var repo = await PullRequestRepo.CreateAsync(server, "WF" + provider.ToString()[..2].ToUpperInvariant(), "fair", Ct);
        using var admin = server.AdminClient();
        var first = await CreateHookAsync(admin, repo, "first", receiver.Url + "?hook=first");
        await CreateHookAsync(admin, repo, "second", receiver.Url + "?hook=second");
        receiver.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await CreateBranchAsync(admin, repo, "fair-1");
        var held = await receiver.NextAsync(Wait, Ct, "the first hook's first delivery");
        foreach (var name in new[] { "fair-2", "fair-3", "fair-4" })
        {
            await CreateBranchAsync(admin, repo, name);
        }

        // Every event is fanned out to both hooks before the held delivery is let go.
        await WaitForDeliveriesAsync(admin, $"{repo.Api}/webhooks/{first}/deliveries", 4);
        var gate = receiver.Gate;
        receiver.Gate = null;
        gate.TrySetResult();
        var after = new List<ReceivedWebhook>();
        for (var i = 0; i < 7; i++)
        {
            after.Add(await receiver.NextAsync(Wait, Ct, $"delivery {i + 2} of 8"));
        }

        Assert.EndsWith("hook=first", held.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("refs/heads/fair-1", RefOf(held));
        Assert.EndsWith("hook=second", after[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("refs/heads/fair-1", RefOf(after[0]));
        Assert.Equal(["refs/heads/fair-1", "refs/heads/fair-2", "refs/heads/fair-3", "refs/heads/fair-4"],
            after.Where(r => r.PathAndQuery.EndsWith("hook=second", StringComparison.Ordinal)).Select(RefOf));
        Assert.Equal(["refs/heads/fair-2", "refs/heads/fair-3", "refs/heads/fair-4"],
            after.Where(r => r.PathAndQuery.EndsWith("hook=first", StringComparison.Ordinal)).Select(RefOf));
    }

    private static string RefOf(ReceivedWebhook webhook) => webhook.Json.GetProperty("changes")[0].GetProperty("refId").GetString()!;

    private static async Task<long> CreateHookAsync(HttpClient admin, PullRequestRepo repo, string name, string url)
    {
        var created = await (await admin.PostAsJsonAsync(repo.Api + "/webhooks", new { name, url, events = new[] { "repo:refs_changed" } }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        return created.GetProperty("id").GetInt64();
    }

    private static async Task CreateBranchAsync(HttpClient admin, PullRequestRepo repo, string name) =>
        await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name, startPoint = repo.MainHead }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

    private static async Task WaitForDeliveriesAsync(HttpClient admin, string deliveries, int count)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            using var page = JsonDocument.Parse(await admin.GetStringAsync(deliveries + "?limit=100", Ct));
            var found = page.RootElement.GetProperty("values").GetArrayLength();
            if (found >= count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"only {found} of {count} deliveries were made");
            await Task.Delay(20, Ct);
        }
    }
}
