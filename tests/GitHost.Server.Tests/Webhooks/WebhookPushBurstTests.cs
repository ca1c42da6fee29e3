using GitHost.Testing.Webhooks;
using System.Diagnostics;
using GitHost.Data;
using GitHost.Data.Webhooks;
using GitHost.Server.Tests.PullRequests;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Webhooks;

/// <summary>
/// A burst of real <c>git push</c> processes over smart HTTP, several at a time, each one receive-pack
/// creating one branch: the repository hook gets exactly one <c>repo:refs_changed</c> per push.
/// </summary>
public sealed class WebhookPushBurstTests(WebhookServers servers) : IClassFixture<WebhookServers>
{
    private const int Parallelism = 6;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // SQLite runs the full thousand: about 4 pushes/s on 2 busy cores, so some 4 minutes, most of it
    // git's receive-pack and the hook callbacks, not the webhooks. PostgreSQL runs the same body with
    // fewer pushes (about 50 s): what it adds is concurrent commits (ids taken at insert, seen at
    // commit), which a couple of hundred overlapping pushes already exercise.
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 1000)]
    [InlineData(DatabaseProvider.Postgres, 200)]
    public async Task Each_push_of_a_burst_is_delivered_once(DatabaseProvider provider, int pushes)
    {
        var server = await servers.GetAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.Answer = "ok";
        using var repo = await PullRequestRepo.CreateAsync(server, "WP" + provider.ToString()[..2].ToUpperInvariant(), "pushburst", Ct);
        using var admin = server.AdminClient();
        var hook = await WebhookDeliveryTests.CreateHookAsync(admin, repo.Api + "/webhooks", receiver.Url, ["repo:refs_changed"], Ct, name: "pushes");
        var hookId = hook.GetProperty("id").GetInt64();
        // Each push names a commit the server already has, so it sends no pack: the cost is the
        // receive-pack exchange and its hooks. Alternating heads makes toHash mean something per ref.
        var expected = Enumerable.Range(0, pushes)
            .ToDictionary(i => "refs/heads/p-" + i, i => i % 2 == 0 ? repo.MainHead : repo.FeatureHead, StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(expected, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = Ct }, async (push, ct) =>
        {
            var run = await GitCli.RunAsync(repo.Tree.Path, ["-c", "protocol.version=2", "push", "--quiet", repo.Url, $"{push.Value}:{push.Key}"], ct);
            // A refused push shows what the server logged about it, not only the id the client was given.
            Assert.True(run.ExitCode == 0, $"{push.Key}: {run.StandardError}\n{string.Join('\n', server.Logs.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal)).Take(3))}");
        });
        var pushed = clock.Elapsed;
        var received = await ReceiveAsync(receiver, pushes);
        var delivered = clock.Elapsed;
        await SettledAsync(server, hookId);

        Assert.All(received, r => Assert.Equal("repo:refs_changed", r.EventKey));
        var changes = received.Select(r => r.Json.GetProperty("changes")).ToList();
        // One change per delivery: each push moved one ref, and its event is not merged with another's.
        Assert.All(changes, c => Assert.Equal(1, c.GetArrayLength()));
        var got = changes.Select(c => c[0]).Select(c => (
            Ref: c.GetProperty("refId").GetString()!,
            To: c.GetProperty("toHash").GetString(),
            Type: c.GetProperty("type").GetString())).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), got.Select(c => c.Ref).Order(StringComparer.Ordinal));
        Assert.All(got, c => Assert.Equal((expected[c.Ref], "ADD"), (c.To, c.Type)));
        var rows = await server.WithDatabaseAsync(db => db.WebhookDeliveries.Where(d => d.WebhookId == hookId)
            .Select(d => new { d.State, d.Attempts }).ToListAsync(Ct));
        Assert.Equal(pushes, rows.Count);
        Assert.All(rows, r => Assert.Equal((WebhookDeliveryState.Delivered, 1), (r.State, r.Attempts)));
        Assert.Equal(pushes, await server.WithDatabaseAsync(db => db.WebhookAttempts.CountAsync(a => a.WebhookId == hookId, Ct)));
        Assert.False(receiver.Received.TryRead(out var extra), $"an extra delivery: {extra?.Body}");
        // Time is reported, not asserted: other test classes share the cores.
        TestContext.Current.TestOutputHelper?.WriteLine($"{pushes} pushes on {provider} in {pushed}, all delivered after {delivered}");
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
            var left = TimeSpan.FromSeconds(120) - deadline.Elapsed;
            received.Add(await receiver.NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), Ct, $"delivery {received.Count + 1} of {count}"));
        }

        return received;
    }
}
