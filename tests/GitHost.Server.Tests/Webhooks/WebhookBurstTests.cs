using GitHost.Testing.Webhooks;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using GitHost.Data.Webhooks;
using GitHost.Data;
using GitHost.Server.Tests.PullRequests;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Webhooks;

/// <summary>A burst of ref changes through both doors reaches two real receivers once each, in the order the events were recorded.</summary>
public sealed class WebhookBurstTests(WebhookServers servers) : IClassFixture<WebhookServers>
{
    private const int Branches = 1000;
    private const int Pushes = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_thousand_ref_changes_reach_each_hook_once_and_in_order(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await using var repoReceiver = await WebhookReceiver.StartAsync(Ct);
        await using var projectReceiver = await WebhookReceiver.StartAsync(Ct);
        repoReceiver.Answer = projectReceiver.Answer = "ok";
        using var repo = await PullRequestRepo.CreateAsync(server, "WK" + provider.ToString()[..2].ToUpperInvariant(), "burst", Ct);
        using var admin = server.AdminClient();
        var repoHook = await WebhookDeliveryTests.CreateHookAsync(admin, repo.Api + "/webhooks", repoReceiver.Url, ["repo:refs_changed"], Ct, name: "repo");
        var projectHook = await WebhookDeliveryTests.CreateHookAsync(
            admin, $"/rest/api/1.0/projects/{repo.Key}/webhooks", projectReceiver.Url, ["repo:refs_changed"], Ct, name: "project");
        var clock = Stopwatch.StartNew();

        // REST branch creation is the fastest door; a few real pushes run alongside it.
        var created = Parallel.ForEachAsync(
            Enumerable.Range(0, Branches), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
                await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "burst-" + i, startPoint = repo.MainHead }, ct)).ExpectAsync(HttpStatusCode.OK, ct));
        for (var i = 0; i < Pushes; i++)
        {
            await repo.PushAsync("pushed-" + i, "push " + i, Ct);
        }

        await created;
        var expected = Enumerable.Range(0, Branches).Select(i => "refs/heads/burst-" + i)
            .Concat(Enumerable.Range(0, Pushes).Select(i => "refs/heads/pushed-" + i)).Order(StringComparer.Ordinal).ToList();
        var toRepo = await ReceiveAsync(repoReceiver, expected.Count);
        var toProject = await ReceiveAsync(projectReceiver, expected.Count);
        var elapsed = clock.Elapsed;

        foreach (var (received, hook) in new[] { (toRepo, repoHook), (toProject, projectHook) })
        {
            var hookId = hook.GetProperty("id").GetInt64();
            await SettledAsync(server, hookId);
            var rows = await server.WithDatabaseAsync(db => db.WebhookDeliveries.Where(d => d.WebhookId == hookId).OrderBy(d => d.Id)
                .Select(d => new { d.RequestId, d.OutboxMessageId, d.State, d.Attempts }).ToListAsync(Ct));
            var attempts = await server.WithDatabaseAsync(db => db.WebhookAttempts.CountAsync(a => a.WebhookId == hookId, Ct));

            Assert.Equal(expected, received.Select(r => r.Json.GetProperty("changes")[0].GetProperty("refId").GetString()).Order(StringComparer.Ordinal));
            // In order: what arrived is the hook's deliveries in id order, which is the order their events were committed.
            Assert.Equal(rows.Select(r => r.RequestId), received.Select(r => r.Headers["X-Request-Id"]));
            if (provider == DatabaseProvider.Sqlite)
            {
                // SQLite commits one writer at a time, so there commit order is also event id order. PostgreSQL
                // takes an id at insert and shows the row at commit: two concurrent requests may commit in the
                // other order, and the fan-out (unprocessed events, lowest id first) then sees the later id first.
                Assert.Equal(rows.Select(r => r.OutboxMessageId).Order(), rows.Select(r => r.OutboxMessageId));
            }
            // Once: one attempt each, nothing pending that could still arrive, and nothing arrived beyond the count.
            Assert.All(rows, r => Assert.Equal((WebhookDeliveryState.Delivered, 1), (r.State, r.Attempts)));
            Assert.Equal(expected.Count, attempts);
        }

        Assert.False(repoReceiver.Received.TryRead(out var extra), $"an extra delivery: {extra?.Body}");
        Assert.False(projectReceiver.Received.TryRead(out extra), $"an extra delivery: {extra?.Body}");
        // Time is reported, not asserted: other test classes share the cores. Alone on 2 busy cores it takes about 50 s.
        TestContext.Current.TestOutputHelper?.WriteLine($"{expected.Count} ref changes reached both hooks in {elapsed}");
    }

    /// <summary>Waits until no delivery of the hook is pending: the last attempt is recorded just after its receiver answered.</summary>
    private static async Task SettledAsync(GitHostTestServer server, long hookId)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (await server.WithDatabaseAsync(db => db.WebhookDeliveries.AnyAsync(d => d.WebhookId == hookId && d.State == WebhookDeliveryState.Pending, limit.Token)))
        {
            // Polls a condition with a deadline; the wait only spaces out the queries.
            await Task.Delay(20, limit.Token);
        }
    }

    /// <summary>The first <paramref name="count"/> requests, in arrival order, within one deadline for them all.</summary>
    private static async Task<List<ReceivedWebhook>> ReceiveAsync(WebhookReceiver receiver, int count)
    {
        var deadline = Stopwatch.StartNew();
        var received = new List<ReceivedWebhook>(count);
        while (received.Count < count)
        {
            var left = TimeSpan.FromSeconds(180) - deadline.Elapsed;
            received.Add(await receiver.NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), Ct, $"delivery {received.Count + 1} of {count}"));
        }

        return received;
    }
}
