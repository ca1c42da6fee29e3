using GitHost.Testing.Webhooks;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.PullRequests;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Webhooks;

/// <summary>Webhook deliveries to a real receiver: signatures, payload shapes, order through an outage and dead letters (bursts: WebhookBurstTests).</summary>
public sealed class WebhookDeliveryTests(WebhookServers servers) : IClassFixture<WebhookServers>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<JsonElement> CreateHookAsync(
        HttpClient client, string hooksPath, Uri url, string[] events, CancellationToken cancellationToken, string? secret = null, string name = "hook")
    {
        var configuration = secret is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["secret"] = secret };
        using var response = await client.PostAsJsonAsync(hooksPath, new { name, url = url.ToString(), events, active = true, configuration }, cancellationToken);
        return await response.ExpectAsync(HttpStatusCode.OK, cancellationToken);
    }

    private static string Hex(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    [Theory]
    [AllDatabases]
    public async Task Pushes_and_pull_request_events_arrive_signed_in_bitbuckets_shape(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var repo = await PullRequestRepo.CreateAsync(server, "WH" + provider.ToString()[..2].ToUpperInvariant(), "shapes", Ct);
        using var admin = server.AdminClient();
        var hook = await CreateHookAsync(admin, repo.Api + "/webhooks", new Uri(receiver.Url, "/hook?server_url=x"),
            ["repo:refs_changed", "pr:opened", "pr:comment:added", "pr:reviewer:changes_requested"], Ct, secret: "s3cr3t");

        var head = await repo.PushAsync("topic", "a pushed change", Ct);
        var push = await receiver.NextOfAsync("repo:refs_changed", Wait, Ct);
        var pr = await repo.OpenAsync(admin, Ct, from: "topic");
        var opened = await receiver.NextOfAsync("pr:opened", Wait, Ct);
        await (await admin.PostAsJsonAsync($"{repo.PullRequests}/{pr.GetProperty("id").GetInt32()}/comments", new { text = "looks fine" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var comment = await receiver.NextOfAsync("pr:comment:added", Wait, Ct);

        Assert.Equal("/hook?server_url=x", push.PathAndQuery);
        Assert.Equal(Hex("s3cr3t", push.Body), push.Headers["X-Hub-Signature"]);
        Assert.Equal(Hex("s3cr3t", opened.Body), opened.Headers["X-Hub-Signature"]);
        Assert.True(Guid.TryParse(push.Headers["X-Request-Id"], out _));
        Assert.Equal("application/json; charset=utf-8", push.Headers["Content-Type"]);
        Assert.False(hook.GetProperty("configuration").TryGetProperty("secret", out _));
        Assert.Contains("pr:reviewer:needs_work", hook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var body = push.Json;
        Assert.Equal("repo:refs_changed", body.GetProperty("eventKey").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$", body.GetProperty("date").GetString()!);
        Assert.Equal("admin", body.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal(repo.Id, body.GetProperty("repository").GetProperty("id").GetInt64());
        var change = Assert.Single(body.GetProperty("changes").EnumerateArray());
        Assert.Equal("refs/heads/topic", change.GetProperty("refId").GetString());
        Assert.Equal("ADD", change.GetProperty("type").GetString());
        Assert.Equal(head, change.GetProperty("toHash").GetString());
        Assert.Equal(head, body.GetProperty("toCommit").GetProperty("id").GetString());
        Assert.True(body.GetProperty("commits").GetArrayLength() >= 1);
        Assert.Equal(pr.GetProperty("id").GetInt32(), opened.Json.GetProperty("pullRequest").GetProperty("id").GetInt32());
        Assert.Equal("refs/heads/topic", opened.Json.GetProperty("pullRequest").GetProperty("fromRef").GetProperty("id").GetString());
        Assert.Equal("looks fine", comment.Json.GetProperty("comment").GetProperty("text").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Project_hooks_hear_their_repositories_and_project_changes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var repo = await PullRequestRepo.CreateAsync(server, "WP" + provider.ToString()[..2].ToUpperInvariant(), "project-scope", Ct);
        using var admin = server.AdminClient();
        await CreateHookAsync(admin, $"/rest/api/1.0/projects/{repo.Key}/webhooks", receiver.Url,
            ["repo:refs_changed", "repo:modified", "project:modified"], Ct);

        await repo.PushAsync("main", "on main", Ct);
        var push = await receiver.NextOfAsync("repo:refs_changed", Wait, Ct);
        await (await admin.PutAsJsonAsync(repo.Api, new { description = "now described" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        var modified = await receiver.NextOfAsync("repo:modified", Wait, Ct);
        await (await admin.PutAsJsonAsync($"/rest/api/1.0/projects/{repo.Key}", new { description = "changed" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var project = await receiver.NextOfAsync("project:modified", Wait, Ct);

        Assert.Equal(repo.Id, push.Json.GetProperty("repository").GetProperty("id").GetInt64());
        Assert.Equal(repo.Slug, modified.Json.GetProperty("new").GetProperty("slug").GetString());
        Assert.Equal(repo.Slug, modified.Json.GetProperty("old").GetProperty("slug").GetString());
        Assert.Equal("admin", modified.Json.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal(repo.Key, project.Json.GetProperty("new").GetProperty("key").GetString());
        Assert.Equal(repo.Key, project.Json.GetProperty("old").GetProperty("key").GetString());
    }

    [Fact]
    public async Task A_stalled_receiver_holds_up_no_other_hook_an_inactive_hook_hears_nothing_and_redirects_are_not_followed()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await using var stalled = await WebhookReceiver.StartAsync(Ct);
        await using var healthy = await WebhookReceiver.StartAsync(Ct);
        await using var inactive = await WebhookReceiver.StartAsync(Ct);
        await using var redirecting = await WebhookReceiver.StartAsync(Ct);
        stalled.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        redirecting.Status = 302;
        redirecting.RedirectTo = new Uri(healthy.Url, "/redirected").ToString();
        using var repo = await PullRequestRepo.CreateAsync(server, "WHSI", "isolation", Ct);
        using var admin = server.AdminClient();
        string[] events = ["repo:refs_changed"];
        await CreateHookAsync(admin, repo.Api + "/webhooks", new Uri(stalled.Url, "/stalled"), events, Ct, name: "stalled");
        await CreateHookAsync(admin, repo.Api + "/webhooks", new Uri(healthy.Url, "/healthy"), events, Ct, name: "healthy");
        await CreateHookAsync(admin, repo.Api + "/webhooks", new Uri(redirecting.Url, "/moved"), events, Ct, name: "redirecting");
        using (var off = await admin.PostAsJsonAsync(repo.Api + "/webhooks",
                   new { name = "off", url = new Uri(inactive.Url, "/off").ToString(), events, active = false }, Ct))
        {
            await off.ExpectAsync(HttpStatusCode.OK, Ct);
        }

        var first = await repo.PushAsync("one", "first push", Ct);
        var stalledFirst = await stalled.NextOfAsync("repo:refs_changed", Wait, Ct);
        var second = await repo.PushAsync("two", "second push", Ct);
        // The stalled receiver still holds its first delivery; the healthy one gets both pushes meanwhile.
        var healthyFirst = await healthy.NextOfAsync("repo:refs_changed", Wait, Ct);
        var healthySecond = await healthy.NextOfAsync("repo:refs_changed", Wait, Ct);
        var moved = await redirecting.NextOfAsync("repo:refs_changed", Wait, Ct);
        // A 3xx is a failed attempt: the next one comes after the first is over, redirect followed or not.
        var retried = await redirecting.NextOfAsync("repo:refs_changed", Wait, Ct);
        stalled.Gate.SetResult();
        var stalledSecond = await stalled.NextOfAsync("repo:refs_changed", Wait, Ct);

        Assert.Equal(first, ToHash(stalledFirst));
        Assert.Equal([first, second], new[] { ToHash(healthyFirst), ToHash(healthySecond) });
        Assert.Equal(second, ToHash(stalledSecond));
        Assert.Equal("/moved", moved.PathAndQuery);
        Assert.Equal(302, moved.AnsweredStatus);
        Assert.Equal(moved.Body, retried.Body);
        Assert.All([healthyFirst, healthySecond], d => Assert.Equal("/healthy", d.PathAndQuery));
        // Every hook's share of both events was fanned out before the healthy hook's second delivery.
        Assert.False(inactive.Received.TryRead(out _), "the inactive hook received a delivery");
        Assert.False(healthy.Received.TryRead(out var followed), $"the redirect was followed to {followed?.PathAndQuery}");
    }

    private static string ToHash(ReceivedWebhook delivery) =>
        delivery.Json.GetProperty("changes")[0].GetProperty("toHash").GetString()!;

    [Theory]
    [AllDatabases]
    public async Task A_receiver_down_for_a_while_gets_every_event_in_order_once_it_is_back(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await using var steady = await WebhookReceiver.StartAsync(Ct);
        using var repo = await PullRequestRepo.CreateAsync(server, "WD" + provider.ToString()[..2].ToUpperInvariant(), "outage", Ct);
        using var admin = server.AdminClient();
        await CreateHookAsync(admin, repo.Api + "/webhooks", receiver.Url, ["repo:refs_changed"], Ct, name: "flaky");
        await CreateHookAsync(admin, repo.Api + "/webhooks", steady.Url, ["repo:refs_changed"], Ct, name: "steady");
        receiver.FailFirst = 3;

        var names = Enumerable.Range(1, 5).Select(i => "b" + i).ToList();
        foreach (var name in names)
        {
            await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name, startPoint = repo.MainHead }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        }

        // The healthy hook is not held up by the failing one.
        var steadyOrder = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            steadyOrder.Add((await steady.NextAsync(Wait, Ct)).Json.GetProperty("changes")[0].GetProperty("refId").GetString()!);
        }

        // Three refusals of the first event, then the receiver is back.
        var refused1 = await receiver.NextAsync(Wait, Ct);
        var refused2 = await receiver.NextAsync(Wait, Ct);
        var delivered = new List<ReceivedWebhook>();
        while (delivered.Count < names.Count)
        {
            var next = await receiver.NextAsync(Wait, Ct);
            if (next.Succeeded)
            {
                delivered.Add(next);
            }
        }

        Assert.Equal(names.Select(n => "refs/heads/" + n), steadyOrder);
        Assert.Equal(refused1.Headers["X-Request-Id"], refused2.Headers["X-Request-Id"]);
        Assert.Equal(names.Select(n => "refs/heads/" + n), delivered.Select(d => d.Json.GetProperty("changes")[0].GetProperty("refId").GetString()));
        Assert.Equal(refused1.Headers["X-Request-Id"], delivered[0].Headers["X-Request-Id"]);
        Assert.Equal(names.Count, delivered.Select(d => d.Headers["X-Request-Id"]).Distinct().Count());
    }

    [Theory]
    [AllDatabases]
    public async Task A_delivery_that_always_fails_becomes_a_dead_letter_and_can_be_sent_again(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var repo = await PullRequestRepo.CreateAsync(server, "WL" + provider.ToString()[..2].ToUpperInvariant(), "dead", Ct);
        using var admin = server.AdminClient();
        var hook = await CreateHookAsync(admin, repo.Api + "/webhooks", receiver.Url, ["repo:refs_changed"], Ct);
        var hookPath = repo.Api + "/webhooks/" + hook.GetProperty("id").GetInt64();
        receiver.Status = 500;
        using var metrics = new MeterRecorder(server.Services);

        await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "doomed", startPoint = repo.MainHead }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        for (var i = 0; i < 6; i++)
        {
            await receiver.NextAsync(Wait, Ct);
        }

        receiver.Status = 200;
        await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "after", startPoint = repo.MainHead }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var after = await receiver.NextAsync(Wait, Ct);
        var dead = await (await admin.GetAsync(hookPath + "/deliveries?state=DEAD_LETTER", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var deadId = Assert.Single(dead.GetProperty("values").EnumerateArray()).GetProperty("id").GetInt64();
        await (await admin.PostAsync($"{hookPath}/deliveries/{deadId}/redeliver", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var again = await receiver.NextAsync(Wait, Ct);
        var latest = await (await admin.GetAsync(hookPath + "/latest?outcome=FAILURE", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var statistics = await (await admin.GetAsync(hookPath + "/statistics", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("refs/heads/after", after.Json.GetProperty("changes")[0].GetProperty("refId").GetString());
        Assert.Equal("refs/heads/doomed", again.Json.GetProperty("changes")[0].GetProperty("refId").GetString());
        Assert.Equal(6, dead.GetProperty("values")[0].GetProperty("attempts").GetInt32());
        Assert.Equal(500, dead.GetProperty("values")[0].GetProperty("statusCode").GetInt32());
        Assert.True(dead.GetProperty("values")[0].GetProperty("responseBody").GetString()!.Length <= 16 * 1024);
        Assert.Equal("FAILURE", latest.GetProperty("result").GetProperty("outcome").GetString());
        Assert.Equal(500, latest.GetProperty("result").GetProperty("statusCode").GetInt32());
        Assert.Equal(1, statistics.GetProperty("counts").GetProperty("deadLetters").GetInt32());
        // Counters for metrics: at least this hook's six failed attempts, its success and the redelivery, and its dead letter
        // (an earlier test's late retries on the same server may add to them, never take away).
        Assert.True(metrics.Total("githost.webhooks.failures") >= 6, "failed attempts counted");
        Assert.True(metrics.Total("githost.webhooks.deliveries") >= 8, "attempts counted");
        Assert.True(metrics.Total("githost.webhooks.dead_letters") >= 1, "dead letter counted");
    }
}
